package io.isocore.agent.enforce;

import java.util.List;

/** The outcome of one reconcile pass for one allocation. */
public sealed interface AllocationResult {

  /** Returns the allocation, {@code namespace/name}. */
  String key();

  /** Returns the generation enforced. */
  long generation();

  /**
   * Enforced and verified.
   *
   * @param key the allocation
   * @param generation the generation
   * @param containers what was verified
   * @param driftRepaired cgroups someone else had rewritten, repaired in this pass
   * @param adopted whether the state was already in place on the agent's first pass (no write)
   * @param writes writes made to the allocation's containers in this pass
   */
  record Applied(
      String key,
      long generation,
      List<ContainerCheck> containers,
      List<String> driftRepaired,
      boolean adopted,
      int writes)
      implements AllocationResult {

    /** Copies the lists. */
    public Applied {
      containers = List.copyOf(containers);
      driftRepaired = List.copyOf(driftRepaired);
    }
  }

  /**
   * Could not be enforced or verified.
   *
   * @param key the allocation
   * @param generation the generation
   * @param reason what went wrong, with the file and values
   * @param containers what could be read back
   */
  record Failed(String key, long generation, String reason, List<ContainerCheck> containers)
      implements AllocationResult {

    /** Copies the list. */
    public Failed {
      containers = List.copyOf(containers);
    }
  }

  /**
   * A container has no cgroup yet; retried on the next pass, the others go on.
   *
   * @param key the allocation
   * @param generation the generation
   * @param reason which container is missing
   */
  record Waiting(String key, long generation, String reason) implements AllocationResult {}
}
