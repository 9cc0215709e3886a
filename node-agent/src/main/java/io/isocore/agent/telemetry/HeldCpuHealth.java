package io.isocore.agent.telemetry;

import io.isocore.api.v1alpha1.CpuHealth;
import java.util.List;

/**
 * NodeTopology cpuHealth entries for CPUs quarantined because they were noisy while held; the
 * publisher merges them with the probe's.
 */
@FunctionalInterface
public interface HeldCpuHealth {

  /** Nothing quarantined. */
  HeldCpuHealth NONE = List::of;

  /** One entry per quarantined CPU, {@code quarantined: true}. */
  List<CpuHealth> quarantinedHealth();

  /** Runs {@code onChange}, on any thread, after the set of quarantined CPUs changed. */
  default void addListener(Runnable onChange) {}
}
