package io.isocore.agent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.isocore.core.noise.CpuNoiseReport;
import io.isocore.core.noise.NoiseSource;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the {@code noise} command's result as text (like osnoise's summary) or JSON. */
final class NoiseOutput {

  private NoiseOutput() {}

  static String text(List<CpuNoiseReport> cpus, long thresholdNanos) {
    StringBuilder b = new StringBuilder();
    for (CpuNoiseReport r : cpus) {
      b.append(
          r.gaps() < 0
              ? String.format(
                  Locale.ROOT,
                  "CPU %d: not probed; sources over %.1f s",
                  r.cpu(),
                  r.windowSeconds())
              : String.format(
                  Locale.ROOT,
                  "CPU %d: %d gaps >= %d ns, %.6f s of gaps in %.1f s",
                  r.cpu(),
                  r.gaps(),
                  thresholdNanos,
                  r.gapSeconds(),
                  r.windowSeconds()));
      b.append(
          r.method().equals(NoiseSource.EXACT)
              ? " (exact: measured by the kernel)\n"
              : " (correlation: events in the window weighted by cost estimates, not a per-gap"
                  + " measurement)\n");
      b.append(
          String.format(
              Locale.ROOT,
              "  %-24s %-8s %10s %7s %12s  %s%n",
              "SOURCE",
              "KIND",
              "EVENTS",
              "SHARE",
              "METHOD",
              "FIX"));
      for (NoiseSource s : r.sources()) {
        b.append(
            String.format(
                Locale.ROOT,
                "  %-24s %-8s %10d %6.1f%% %12s  %s%n",
                s.name(),
                s.kind().label(),
                s.events(),
                s.share() * 100,
                s.method(),
                s.fix()));
      }
      if (r.sources().isEmpty()) {
        b.append("  (no source counted anything in the window)\n");
      }
    }
    return b.toString();
  }

  static String json(List<CpuNoiseReport> cpus, List<String> notes) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (CpuNoiseReport r : cpus) {
      Map<String, Object> cpu = new LinkedHashMap<>();
      cpu.put("cpu", r.cpu());
      cpu.put("gaps", r.gaps());
      cpu.put("gapSeconds", r.gapSeconds());
      cpu.put("windowSeconds", r.windowSeconds());
      cpu.put("method", r.method());
      List<Map<String, Object>> sources = new ArrayList<>();
      for (NoiseSource s : r.sources()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("kind", s.kind().label());
        m.put("events", s.events());
        m.put("share", Math.round(s.share() * 10_000) / 10_000.0);
        m.put("seconds", s.seconds());
        m.put("method", s.method());
        m.put("fix", s.fix());
        sources.add(m);
      }
      cpu.put("sources", sources);
      list.add(cpu);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("cpus", list);
    doc.put("notes", notes);
    try {
      return TopologyCommand.JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
