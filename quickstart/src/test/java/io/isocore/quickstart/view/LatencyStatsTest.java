package io.isocore.quickstart.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyStatsTest {

  @TempDir Path dir;

  @Test
  void readsTheWorkloadsLineOnceWarm() throws IOException {
    Path file = dir.resolve("stats");
    Files.writeString(file, "1000 45000 120 3000 2 true\n");
    assertThat(LatencyStats.read(file)).contains(new LatencyStats(1000, 45000, 120, 3000, 2));
    Files.writeString(file, "0 0 0 0 0 false\n");
    assertThat(LatencyStats.read(file)).isEmpty();
    Files.writeString(file, "garbage");
    assertThat(LatencyStats.read(file)).isEmpty();
    assertThat(LatencyStats.read(dir.resolve("missing"))).isEmpty();
  }

  @Test
  void processFactsOfThisProcessSeeItsThreads() {
    ProcessFacts facts = ProcessFacts.read(Path.of("/proc"), ProcessHandle.current().pid());
    assertThat(facts.threads()).isGreaterThan(1);
    assertThat(facts.cpusAllowed().isEmpty()).isFalse();
    assertThat(ProcessFacts.read(Path.of("/proc"), Long.MAX_VALUE).threads()).isZero();
  }
}
