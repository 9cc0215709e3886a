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

class ReportMainTest {

  @TempDir Path tmp;

  @Test
  void aDirectoryGetsReportHtmlInside() throws IOException {
    Path dir = tmp.resolve("results");
    ResultFixtures.write(dir);
    Path page = ReportMain.run(List.of(dir.toString()));
    assertThat(page).isEqualTo(dir.resolve("report.html").toAbsolutePath());
    assertThat(Files.readString(page)).startsWith("<!DOCTYPE html>").contains("<svg");
  }

  @Test
  void aFileGetsItsNameWithHtmlAndOptionsAreHonoured() throws IOException {
    Path file = ResultFixtures.write(tmp);
    assertThat(ReportMain.run(List.of(file.toString()))).hasFileName("result.html");
    Path out = tmp.resolve("deep/down/page.html");
    Path page = ReportMain.run(List.of(file.toString(), "--out", out.toString(), "--title", "T1"));
    assertThat(page).isEqualTo(out.toAbsolutePath());
    assertThat(Files.readString(page)).contains("<title>T1</title>");
  }

  @Test
  void usageMistakesSayWhatIsWrong() {
    assertThatThrownBy(() -> ReportMain.run(List.of()))
        .isInstanceOf(ReportMain.UsageException.class)
        .hasMessageContaining("at least one result");
    assertThatThrownBy(() -> ReportMain.run(List.of("x", "--out")))
        .isInstanceOf(ReportMain.UsageException.class)
        .hasMessageContaining("--out needs a value");
    assertThatThrownBy(() -> ReportMain.run(List.of("--colour")))
        .isInstanceOf(ReportMain.UsageException.class)
        .hasMessageContaining("unknown option --colour");
  }
}
