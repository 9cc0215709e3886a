package io.isocore.operator.pod;

import java.util.List;

/**
 * A pod breaks the isocore pod contract. The message lists every problem, each naming the
 * container, the resource and the value, e.g. "container app: cpu request = limit = 1500m is not a
 * whole number of CPUs".
 */
public final class PodContractException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /** Creates the exception for a pod and its problems. */
  public PodContractException(String pod, List<String> problems) {
    super("pod " + pod + ": " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Returns each problem on its own. */
  public List<String> problems() {
    return problems;
  }
}
