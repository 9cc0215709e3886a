package io.isocore.agent.probe;

import io.isocore.api.v1alpha1.CpuHealth;
import java.util.List;

/**
 * Per-CPU health for NodeTopology's {@code status.cpuHealth}: the last completed probe window's max
 * and p99.99, the interrupt rate during it, and whether the CPU is quarantined.
 */
@FunctionalInterface
public interface CpuHealthSource {

  /** Returns one entry per CPU probed at least once, ordered by CPU id. */
  List<CpuHealth> cpuHealth();
}
