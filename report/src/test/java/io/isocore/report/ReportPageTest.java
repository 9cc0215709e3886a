package io.isocore.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.report.testing.ResultFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPageTest {

  @TempDir Path tmp;

  static ReportInput everything(Path tmp) throws IOException {
    return ResultReader.read(
        List.of(ResultFixtures.write(tmp), ResultFixtures.resource("isolation")));
  }

  @Test
  void pageHasEveryChartAsInlineSvg() throws IOException {
    String page = ReportPage.render(everything(tmp));
    // latency, ratio, one noise chart for each of CPUs 1 and 2
    assertThat(Pattern.compile("<svg").matcher(page).results().count()).isEqualTo(4);
    assertThat(page)
        .contains("Latency by percentile")
        .contains("99.99%")
        .contains("µs")
        .contains("CPU 1: noise by source")
        .contains("CPU 2: noise by source")
        .contains(">other<")
        .contains("involuntary context switches")
        .doesNotContain("<script")
        .doesNotContain("http://www.w3.org/1999/xlink\" href=\"http");
  }

  @Test
  void chartsOnOnePageShareNoIds() throws IOException {
    String page = ReportPage.render(everything(tmp));
    Matcher ids = Pattern.compile(" id=['\"]([^'\"]+)['\"]").matcher(page);
    List<String> all = new ArrayList<>();
    while (ids.find()) {
      all.add(ids.group(1));
    }
    Set<String> unique = new HashSet<>(all);
    assertThat(all).isNotEmpty();
    assertThat(unique).hasSameSizeAs(all);
  }

  @Test
  void textFromResultFilesIsEscaped() throws IOException {
    ReportInput input = everything(tmp);
    String page =
        ReportPage.render(
            new ReportInput(
                "<script>alert(1)</script>",
                input.runs(),
                input.noise(),
                List.of("a & b"),
                input.sources()));
    assertThat(page).doesNotContain("<script>").contains("&lt;script&gt;").contains("a &amp; b");
  }

  @Test
  void aQuickstartSummaryWithHistogramAndNoiseDrawsTheDistributionAndTheNoise() throws IOException {
    ReportInput input = ResultReader.read(List.of(ResultFixtures.quickstartSummary(tmp)));
    LatencyRun run = input.runs().getFirst();
    assertThat(run.label()).isEqualTo("isocore on");
    assertThat(run.fullDistribution()).isTrue();
    assertThat(run.count()).isEqualTo(ResultFixtures.COUNT);
    assertThat(run.points()).hasSizeGreaterThan(50);
    assertThat(input.noise()).hasSize(10); // 5 windows x 2 CPUs
    assertThat(input.notes()).noneMatch(n -> n.contains("histogram"));

    String page = ReportPage.render(input);
    // the latency chart and one noise chart per CPU (no ratios: one run only)
    assertThat(Pattern.compile("<svg").matcher(page).results().count()).isEqualTo(3);
    assertThat(page)
        .contains("Latency by percentile")
        .contains("99.999%")
        .doesNotContain("points only")
        .contains("CPU 0: noise by source")
        .contains("CPU 1: noise by source")
        .contains("noise time per second of each window (µs)")
        .contains("36:virtio1-req.0")
        .contains(">TIMER<");
  }

  @Test
  void onlyNoiseGivesOnlyTheNoiseChart() throws IOException {
    String page = ReportPage.render(ResultReader.read(List.of(ResultFixtures.resource("noise"))));
    assertThat(Pattern.compile("<svg").matcher(page).results().count()).isEqualTo(1);
    assertThat(page).contains("interruptions per second").doesNotContain("Latency by percentile");
    assertThat(page).contains("LOC").contains("47.6%"); // 2500 of 5250 events
  }
}
