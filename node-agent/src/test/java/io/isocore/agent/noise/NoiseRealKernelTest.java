package io.isocore.agent.noise;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.testing.KernelGate;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.noise.CpuNoiseReport;
import io.isocore.core.noise.NoiseSource;
import io.isocore.core.noise.SourceKind;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On the real kernel: a known source on CPU 1 (stress-ng's timer stressor, pinned there, firing
 * timers as fast as it can) must come out on top of CPU 1's attribution: its local timer interrupts
 * (LOC) or its own thread, which the kernel wakes on every timer. Skipped, with the reason, where
 * stress-ng is absent or CPU 1 is not online.
 */
class NoiseRealKernelTest {

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aTimerStressorPinnedToCpu1ComesOutOnTop() throws Exception {
    KernelGate.require("NoiseRealKernelTest", onPath("stress-ng"), "stress-ng is not installed");
    KernelGate.require(
        "NoiseRealKernelTest",
        CpuSet.parse(Files.readString(Path.of("/sys/devices/system/cpu/online")).strip())
            .contains(1),
        "CPU 1 is not online");
    CpuNoiseReport quiet = measure();
    Process stress =
        new ProcessBuilder(
                "stress-ng", "--timer", "1", "--taskset", "1", "--timeout", "8s", "--quiet")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      Thread.sleep(1000); // let the stressor start firing
      CpuNoiseReport loud = measure();
      System.out.println("quiet CPU 1: " + quiet);
      System.out.println("stress-ng --timer on CPU 1: " + loud);
      NoiseSource top = loud.sources().get(0);
      boolean timer = top.kind() == SourceKind.IRQ && top.name().equals("LOC");
      boolean stressThread = top.kind() == SourceKind.THREAD && top.name().startsWith("stress-ng");
      assertThat(timer || stressThread)
          .as("top source on CPU 1 is LOC or the stress-ng thread, got %s", top)
          .isTrue();
      assertThat(loud.sources().stream().limit(3).map(NoiseSource::name)).contains("LOC");
      assertThat(events(loud, "LOC")).isGreaterThan(5 * Math.max(1, events(quiet, "LOC")));
      assertThat(loud.method()).isEqualTo("correlation");
    } finally {
      stress.destroy();
      if (!stress.waitFor(5, TimeUnit.SECONDS)) {
        stress.destroyForcibly();
      }
    }
  }

  private static long events(CpuNoiseReport r, String name) {
    return r.sources().stream()
        .filter(s -> s.name().equals(name))
        .mapToLong(NoiseSource::events)
        .sum();
  }

  private static CpuNoiseReport measure() {
    NoiseMeasurement.Result r =
        NoiseMeasurement.measure(
            Path.of("/"), CpuSet.of(1), Duration.ofSeconds(3), new SpinProbe(1000));
    return r.cpus().get(0);
  }
}
