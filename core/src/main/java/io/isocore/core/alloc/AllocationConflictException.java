package io.isocore.core.alloc;

/**
 * An allocation cannot be recorded because it contradicts one already held: a CPU would get two
 * owners, or the pod already holds something else. The state is unchanged.
 */
public final class AllocationConflictException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the node, CPUs and pods involved. */
  public AllocationConflictException(String message) {
    super(message);
  }
}
