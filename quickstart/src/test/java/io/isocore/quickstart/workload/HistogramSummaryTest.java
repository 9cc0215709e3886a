package io.isocore.quickstart.workload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isocore.quickstart.kubelet.RunningContainer;
import io.isocore.quickstart.kubelet.RunningPod;
import io.isocore.quickstart.kubelet.WorkloadCatalog;
import io.isocore.quickstart.view.RunSummary;
import io.isocore.report.HistogramPercentiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workload's histogram reaches the summary whole: same count, same percentiles, same max. */
class HistogramSummaryTest {

  @TempDir Path dir;

  /** A heavy-tailed distribution like the workload's: mostly tens of ns, a tail to milliseconds. */
  private static Histogram gaps() {
    Random random = new Random(16);
    Histogram h = new Histogram(1, 10_000_000_000L, 3);
    for (int i = 0; i < 200_000; i++) {
      long nanos = 25 + random.nextInt(30);
      if (random.nextInt(1_000) == 0) {
        nanos = 10_000 + (long) (Math.pow(random.nextDouble(), 3) * 3_000_000);
      }
      h.recordValue(nanos);
    }
    return h;
  }

  @Test
  void summaryHistogramDecodesToTheWorkloadsPercentiles() throws IOException {
    Histogram workload = gaps();
    Path stats = dir.resolve("stats");
    LatencyWorkload.write(stats, workload, workload.getTotalCount(), 200, true, 5_000_000_000L);

    RunningContainer engine =
        new RunningContainer(
            "engine",
            WorkloadCatalog.LATENCY_IMAGE,
            "c1",
            "",
            ProcessHandle.current().pid(),
            stats,
            0);
    Path file = dir.resolve("summary.json");
    RunSummary.collect(
            true,
            5,
            Path.of("/proc"),
            List.of(new RunningPod("default", "engine", "u1", "", List.of(engine))),
            Map.of())
        .write(file);

    JsonNode latency = new ObjectMapper().readTree(file.toFile()).path("latency");
    assertThat(latency.path("histogram").isTextual()).as(latency.toString()).isTrue();
    Histogram summary =
        HistogramPercentiles.decode(latency.path("histogram").asText(), "summary.json");
    assertThat(summary.getTotalCount()).isEqualTo(workload.getTotalCount()).isEqualTo(200_000);
    for (double p : new double[] {0, 50, 90, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100}) {
      assertThat(summary.getValueAtPercentile(p))
          .as("p%s", p)
          .isEqualTo(workload.getValueAtPercentile(p));
    }
    assertThat(summary.getMaxValue()).isEqualTo(workload.getMaxValue()).isGreaterThan(10_000);
    assertThat(HistogramPercentiles.points(summary))
        .isEqualTo(HistogramPercentiles.points(workload));
    // The figures line and the histogram agree (the workload writes both from one histogram).
    assertThat(latency.path("p999Nanos").asLong()).isEqualTo(summary.getValueAtPercentile(99.9));
    assertThat(latency.path("maxNanos").asLong()).isEqualTo(summary.getMaxValue());
    assertThat(latency.path("iterations").asLong()).isEqualTo(summary.getTotalCount());
  }

  @Test
  void noHistogramBeforeTheWorkloadIsWarm() throws IOException {
    Path stats = dir.resolve("stats");
    LatencyWorkload.write(stats, new Histogram(1, 10_000_000_000L, 3), 0, 0, false, 1_000_000L);
    assertThat(LatencyWorkload.histogramFile(stats)).doesNotExist();
    assertThat(stats).exists();
  }
}
