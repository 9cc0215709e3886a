package io.isocore.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.report.testing.ResultFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultReaderTest {

  @TempDir Path tmp;

  @Test
  void benchIsolationResultsGiveTwoRunsTheOffRunFirst() throws IOException {
    ReportInput input = ResultReader.read(List.of(ResultFixtures.resource("isolation")));
    assertThat(input.runs())
        .extracting(LatencyRun::label)
        .containsExactly("isocore off", "isocore on");
    LatencyRun off = input.runs().getFirst();
    assertThat(off.count()).isEqualTo(412_345_678L);
    assertThat(off.fullDistribution()).isFalse();
    assertThat(off.points())
        .containsExactly(
            new PercentilePoint(99.9, 41),
            new PercentilePoint(99.99, 321),
            new PercentilePoint(100, 140_000_000));
    assertThat(off.figures())
        .containsEntry("involuntary context switches", 3553L)
        .containsEntry("interrupts on its CPUs", 21601L)
        .containsEntry("gaps of 10 µs or more", 16279L)
        .containsEntry(RunReader.MAX, 140_000_000L);
    assertThat(input.notes()).anyMatch(n -> n.contains("no latency.histogram"));
    assertThat(input.sources()).hasSize(2);
  }

  @Test
  void aSummaryWithAHistogramGivesTheWholeDistribution() throws IOException {
    String summary =
        Files.readString(ResultFixtures.resource("isolation").resolve("on.json"))
            .replace(
                "\"iterations\"",
                "\"histogram\" : \""
                    + HistogramPercentiles.encode(ResultFixtures.latencies(5, 10_000))
                    + "\",\n    \"iterations\"");
    Files.writeString(tmp.resolve("on.json"), summary);
    LatencyRun on = ResultReader.read(List.of(tmp)).runs().getFirst();
    assertThat(on.fullDistribution()).isTrue();
    assertThat(on.count()).isEqualTo(ResultFixtures.COUNT);
    assertThat(on.points()).hasSizeGreaterThan(50);
    assertThat(on.figures()).containsKeys(RunReader.P999, RunReader.P9999, RunReader.MAX);
  }

  @Test
  void resultFileGivesHistogramsFiguresAndNoiseWindows() throws IOException {
    ReportInput input = ResultReader.read(List.of(ResultFixtures.write(tmp)));
    assertThat(input.title()).isEqualTo("Fixture: isocore off vs on");
    assertThat(input.runs())
        .extracting(LatencyRun::label)
        .containsExactly("isocore off", "isocore on");
    assertThat(input.runs()).allMatch(LatencyRun::fullDistribution);
    assertThat(input.runs().getFirst().figures())
        .containsEntry("involuntary context switches", 3500L);
    assertThat(input.noise()).hasSize(60);
    assertThat(input.noise()).extracting(NoiseWindow::cpu).containsOnly(1, 2);
    assertThat(input.noise().getFirst().sources()).hasSize(ResultFixtures.SOURCES.length);
    assertThat(input.noise().getFirst().sources().getFirst().seconds()).isPresent();
  }

  @Test
  void noiseJsonIsOneWindowOfItsDuration() throws IOException {
    ReportInput input = ResultReader.read(List.of(ResultFixtures.resource("noise")));
    assertThat(input.runs()).isEmpty();
    NoiseWindow w = input.noise().getFirst();
    assertThat(w.cpu()).isEqualTo(1);
    assertThat(w.windowSeconds()).isEqualTo(10);
    assertThat(w.sources())
        .extracting(NoiseSource::name)
        .containsExactly("LOC", "RES", "TIMER", "steal");
    assertThat(w.sources().getFirst().events()).isEqualTo(2500);
    assertThat(w.sources().getFirst().seconds()).isEmpty();
  }

  @Test
  void mistakesAreReportedWithTheFileAndField() throws IOException {
    assertThatThrownBy(() -> ResultReader.read(List.of(tmp.resolve("absent.json"))))
        .hasMessageContaining("absent.json")
        .hasMessageContaining("no such file");
    Files.writeString(tmp.resolve("other.json"), "{\"hello\": 1}");
    assertThatThrownBy(() -> ResultReader.read(List.of(tmp)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no results");
    Path bad = tmp.resolve("bad.json");
    Files.writeString(
        bad,
        """
        {"format": "isocore-result/v1", "runs": [{"label": "x",
          "latency": {"percentiles": [{"percentile": 101, "nanos": 5}]}}]}
        """);
    assertThatThrownBy(() -> ResultReader.read(List.of(bad)))
        .hasMessageContaining("bad.json runs[0].latency.percentiles[0]")
        .hasMessageContaining("outside 0-100");
    Files.writeString(
        bad,
        """
        {"format": "isocore-result/v1", "noise": [{"cpus": [{"cpu": 1, "sources": []}]}]}
        """);
    assertThatThrownBy(() -> ResultReader.read(List.of(bad)))
        .hasMessageContaining("bad.json.noise[0]")
        .hasMessageContaining("windowSeconds");
  }

  @Test
  void percentilesWithoutAHistogramAreJoinedAndNoted() throws IOException {
    Path file = tmp.resolve("p.json");
    Files.writeString(
        file,
        """
        {"format": "isocore-result/v1", "runs": [{"label": "feed handler", "latency": {
          "count": 1000000, "percentiles": [{"percentile": 100, "nanos": 90000},
          {"percentile": 50, "nanos": 800}, {"percentile": 99.9, "nanos": 5000}]}}]}
        """);
    ReportInput input = ResultReader.read(List.of(file));
    LatencyRun run = input.runs().getFirst();
    assertThat(run.points())
        .extracting(PercentilePoint::percentile)
        .containsExactly(50.0, 99.9, 100.0);
    assertThat(run.figures())
        .containsEntry(RunReader.P999, 5000L)
        .containsEntry(RunReader.MAX, 90000L);
    assertThat(input.notes()).anyMatch(n -> n.contains("percentiles given, no histogram"));
  }

  @Test
  void runsOfOneLabelFromTwoFilesAreToldApartByFileName() throws IOException {
    ReportInput input =
        ResultReader.read(List.of(ResultFixtures.write(tmp), ResultFixtures.resource("isolation")));
    assertThat(input.runs())
        .extracting(LatencyRun::label)
        .containsExactly(
            "isocore off (result.json)",
            "isocore off (off.json)",
            "isocore on (result.json)",
            "isocore on (on.json)");
  }

  @Test
  void noiseCommandJsonGivesEachCpuItsOwnWindowTimesAndNotes() throws IOException {
    ReportInput input = ResultReader.read(List.of(ResultFixtures.resource("noise-cli")));
    NoiseWindow w = input.noise().getFirst();
    assertThat(w.windowSeconds()).isEqualTo(3.3);
    assertThat(w.atSeconds()).isEqualTo(0);
    assertThat(w.sources().getFirst().name()).isEqualTo("stress-ng-timer");
    assertThat(w.sources().getFirst().seconds()).hasValue(0.0293);
    assertThat(NoiseChart.bySeconds(input.noise())).isTrue();
    assertThat(input.notes())
        .anyMatch(n -> n.endsWith(": no osnoise tracer in /sys/kernel/tracing: correlation only"));
  }
}
