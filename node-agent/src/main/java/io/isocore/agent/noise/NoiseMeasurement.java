package io.isocore.agent.noise;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.noise.CpuNoiseReport;
import io.isocore.core.noise.NoiseAttribution;
import io.isocore.core.noise.NoiseSnapshot;
import io.isocore.core.noise.OsnoiseTrace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One measurement of the {@code noise} command: snapshot {@code /proc}, run the probe on the CPUs
 * for the window, snapshot again, attribute each CPU's noise.
 */
public final class NoiseMeasurement {

  /** Sources kept per CPU before {@code other}. */
  public static final int TOP_SOURCES = 8;

  private NoiseMeasurement() {}

  /**
   * The result.
   *
   * @param cpus one report per CPU
   * @param notes what could not be read or run, for the user
   */
  public record Result(List<CpuNoiseReport> cpus, List<String> notes) {}

  /** Measures {@code cpus} under {@code root} for {@code window} with {@code probe}. */
  public static Result measure(Path root, CpuSet cpus, Duration window, WindowProbe probe) {
    ProcNoiseReader reader = new ProcNoiseReader(root);
    OsnoiseWindow osnoise = new OsnoiseWindow(root);
    boolean traced = osnoise.active();
    if (traced) {
      osnoise.begin();
    }
    NoiseSnapshot start = reader.snapshot(true);
    List<ProbeOutcome> outcomes = probe.measure(cpus, window);
    NoiseSnapshot end = reader.snapshot(true);
    Map<Integer, OsnoiseTrace.CpuNoise> exact = traced ? osnoise.end() : Map.of();
    Set<Long> own = new HashSet<>();
    outcomes.forEach(o -> own.add(o.tid()));
    List<String> notes = new ArrayList<>(reader.unreadable());
    if (!traced) {
      notes.add(
          "osnoise tracer not running (or tracefs not readable): attribution is a correlation");
    }
    if (!reader.irqTimeAccounted()) {
      notes.add("kernel without CONFIG_IRQ_TIME_ACCOUNTING: IRQ time is not measured exactly");
    }
    List<CpuNoiseReport> reports = new ArrayList<>();
    for (ProbeOutcome o : outcomes) {
      o.error().ifPresent(e -> notes.add("CPU " + o.cpu() + ": " + e));
      reports.add(
          NoiseAttribution.attribute(
              start,
              end,
              o.cpu(),
              new NoiseAttribution.Probe(o.gaps(), o.gapNanos()),
              Optional.ofNullable(exact.get(o.cpu())),
              own,
              TOP_SOURCES));
    }
    return new Result(reports, notes);
  }
}
