package io.isocore.agent.enforce;

import io.isocore.agent.irq.IrqSteering;
import io.isocore.core.enforce.CpuPools;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one reconcile pass.
 *
 * @param results one per allocation, in input order
 * @param pools the CPU pools enforced
 * @param writes cgroup writes made in this pass
 * @param driftedCgroups cgroups found rewritten by someone else since the last pass (repaired)
 * @param warnings node-level problems
 * @param irq what IRQ steering did, when enabled
 */
public record EnforcementReport(
    List<AllocationResult> results,
    CpuPools pools,
    long writes,
    List<String> driftedCgroups,
    List<String> warnings,
    Optional<IrqSteering> irq) {

  /** Copies the lists. */
  public EnforcementReport {
    results = List.copyOf(results);
    driftedCgroups = List.copyOf(driftedCgroups);
    warnings = List.copyOf(warnings);
  }

  /** Returns the result for {@code key}. */
  public Optional<AllocationResult> result(String key) {
    return results.stream().filter(r -> r.key().equals(key)).findFirst();
  }
}
