package io.isocore.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuickstartOptionsTest {

  @Test
  void defaultsRunUntilStoppedWithIsolation() {
    QuickstartOptions options = QuickstartOptions.parse();
    assertThat(options.duration()).isEmpty();
    assertThat(options.isolation()).isTrue();
    assertThat(options.dryRun()).isFalse();
    assertThat(options.summary()).isEmpty();
  }

  @Test
  void parsesEveryOption() {
    QuickstartOptions options =
        QuickstartOptions.parse(
            "--duration", "2m", "--dry-run", "--no-isolation", "--summary", "s.json");
    assertThat(options.duration()).contains(Duration.ofMinutes(2));
    assertThat(options.dryRun()).isTrue();
    assertThat(options.isolation()).isFalse();
    assertThat(options.summary()).contains(Path.of("s.json"));
    assertThat(QuickstartOptions.parse("--duration", "45").duration())
        .contains(Duration.ofSeconds(45));
    assertThat(QuickstartOptions.parse("--duration", "30s").duration())
        .contains(Duration.ofSeconds(30));
  }

  @Test
  void badInputSaysWhatIsWrong() {
    assertThatThrownBy(() -> QuickstartOptions.parse("--duration"))
        .hasMessageContaining("--duration needs a value");
    assertThatThrownBy(() -> QuickstartOptions.parse("--duration", "soon"))
        .hasMessageContaining("bad duration 'soon'");
    assertThatThrownBy(() -> QuickstartOptions.parse("--fast"))
        .hasMessageContaining("unknown option --fast");
  }
}
