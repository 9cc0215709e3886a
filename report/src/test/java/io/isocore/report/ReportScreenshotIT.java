package io.isocore.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.report.testing.ResultFixtures;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The page as a browser draws it: headless Chromium renders the fixture report to a PNG (kept in
 * target/report-it/ to look at), which must show the charts' own colours, not a blank page.
 */
class ReportScreenshotIT {

  private static final Path OUT = Path.of("target", "report-it");

  @Test
  void chromiumDrawsTheCharts() throws Exception {
    String chromium = chromium();
    Assumptions.assumeTrue(
        chromium != null,
        "skipped: no chromium on PATH (Debian package chromium; .ci/run installs it)");
    Files.createDirectories(OUT);
    Path page = OUT.resolve("report.html").toAbsolutePath();
    Files.writeString(
        page,
        ReportPage.render(ResultReader.read(List.of(ResultFixtures.write(OUT.resolve("input"))))));
    Path png = OUT.resolve("report.png").toAbsolutePath();
    Files.deleteIfExists(png);
    Path profile = Files.createTempDirectory("isocore-report-chromium");
    Process p =
        new ProcessBuilder(
                chromium,
                "--headless",
                "--disable-gpu",
                "--no-sandbox",
                "--user-data-dir=" + profile,
                "--hide-scrollbars",
                "--screenshot=" + png,
                "--window-size=1280,2900",
                page.toUri().toString())
            .redirectErrorStream(true)
            .redirectOutput(OUT.resolve("chromium.log").toFile())
            .start();
    try {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished within 120 s").isTrue();
    } finally {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
    assertThat(png).as("screenshot, chromium log in " + OUT.resolve("chromium.log")).exists();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    Set<Integer> colours = new HashSet<>();
    int orange = 0;
    int blue = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        colours.add(rgb);
        orange += rgb == 0xD55E00 ? 1 : 0;
        blue += rgb == 0x0072B2 ? 1 : 0;
      }
    }
    // Text and anti-aliased lines give hundreds of colours; a blank or error page a handful.
    assertThat(colours.size()).as("distinct colours").isGreaterThan(200);
    // The baseline run's and the second series' palette colours are on screen: charts drew.
    assertThat(orange).as("pixels of the isocore off colour").isGreaterThan(100);
    assertThat(blue).as("pixels of the second colour").isGreaterThan(100);
  }

  private static String chromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    System.out.println(
        "ReportScreenshotIT skipped: no chromium, chromium-browser or google-chrome on PATH");
    return null;
  }
}
