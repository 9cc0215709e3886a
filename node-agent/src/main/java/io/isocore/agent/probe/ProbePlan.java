package io.isocore.agent.probe;

import io.isocore.core.cpu.CpuSet;

/**
 * What to probe on this node: the isolated CPUs of the IsolationProfile that selects it, and the
 * profile's schedule.
 *
 * @param isolated the profile's isolated CPUs on this node (held ones are removed at run time)
 * @param settings the profile's jitterProbe and quarantine threshold
 */
public record ProbePlan(CpuSet isolated, ProbeSettings settings) {}
