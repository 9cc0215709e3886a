package io.isocore.agent.probe;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.profile.ProbeSchedule;
import java.util.OptionalLong;

/**
 * What to probe on this node: the isolated CPUs of the IsolationProfile that selects it, and the
 * profile's schedule ({@code ProfileRules.probe()} and {@code quarantineNanos()}).
 *
 * @param isolated the profile's isolated CPUs on this node (held ones are removed at run time)
 * @param schedule the profile's jitterProbe
 * @param quarantineNanos a CPU whose last window's max exceeds this is quarantined; empty: never
 */
public record ProbePlan(CpuSet isolated, ProbeSchedule schedule, OptionalLong quarantineNanos) {}
