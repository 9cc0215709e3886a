package io.isocore.agent.noise;

import io.isocore.core.cpu.CpuSet;
import java.time.Duration;
import java.util.List;

/** Runs something on the selected CPUs for the window (the busy probe; a stand-in in tests). */
@FunctionalInterface
public interface WindowProbe {

  /** Measures {@code cpus} for {@code window} and returns one outcome per CPU, by CPU id. */
  List<ProbeOutcome> measure(CpuSet cpus, Duration window);
}
