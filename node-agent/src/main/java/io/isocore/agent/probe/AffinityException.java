package io.isocore.agent.probe;

/** The kernel refused an affinity call; carries the call and errno for the log. */
final class AffinityException extends RuntimeException {

  private final int errno;

  AffinityException(String call, int errno) {
    super(
        call
            + " failed with errno "
            + errno
            + (errno == 22 ? " (EINVAL: CPU offline or outside this thread's cpuset)" : ""));
    this.errno = errno;
  }

  /** The probe cannot reach a CPU for a reason other than an errno (see {@link ProbePlacement}). */
  AffinityException(String reason) {
    super(reason);
    this.errno = -1;
  }

  int errno() {
    return errno;
  }
}
