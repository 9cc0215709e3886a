package io.isocore.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's promtool (Debian's prometheus package, which .ci/run installs). Without it the
 * calling test is skipped and says so.
 */
final class Promtool {

  static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  private Promtool() {}

  /** Runs promtool with {@code args}, asserts it exits 0, returns its output. */
  static String run(String... args) throws Exception {
    assumeTrue(
        Files.isExecutable(PROMTOOL),
        "promtool not installed (apt-get install prometheus; .ci/run does): rules unchecked");
    List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", args), output).isZero();
    return output;
  }
}
