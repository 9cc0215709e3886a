package io.isocore.agent.testing;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The gate of the real-kernel tests: a machine that cannot run one (not root, no writable cgroup v1
 * hierarchy, one CPU, a tool missing) skips it and says why. Where the kernel tier must run ({@code
 * ISOCORE_KERNEL_TESTS=required}, which {@code .ci/run} sets: CI runs as root on cgroup v1 with two
 * CPUs) the same reason fails the test instead, so a gate that goes wrong cannot hide the test
 * behind a skip.
 */
public final class KernelGate {
  static final String REQUIRED = "ISOCORE_KERNEL_TESTS";

  private KernelGate() {}

  /** Skips (or, where required, fails) {@code test} when {@code why} is present. */
  public static void require(String test, Optional<String> why) {
    require(test, why, System.getenv(REQUIRED));
  }

  static void require(String test, Optional<String> why, String mode) {
    if (why.isEmpty()) {
      return;
    }
    String message = test + " cannot run here: " + why.get();
    if ("required".equals(mode)) {
      throw new AssertionError(message + " (" + REQUIRED + "=required)");
    }
    System.out.println(message + "; skipped");
    Assumptions.abort(message);
  }

  /** The same for one condition: skips (or fails) unless {@code holds}. */
  public static void require(String test, boolean holds, String whyNot) {
    require(test, holds ? Optional.empty() : Optional.of(whyNot));
  }
}
