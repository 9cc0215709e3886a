package io.isocore.quickstart.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import java.nio.file.Path;
import java.util.List;

/**
 * What a container of the quickstart's pods runs, chosen by its image: {@code
 * isocore.io/latency-workload} runs {@link io.isocore.quickstart.workload.LatencyWorkload}, {@code
 * isocore.io/noisy-neighbour} runs {@link io.isocore.quickstart.workload.CpuBurner}, anything else
 * sleeps.
 *
 * @param java the java executable
 * @param classpath the quickstart's class path
 * @param logDir where workloads write their statistics and output
 */
public record WorkloadCatalog(Path java, String classpath, Path logDir) {

  /** The image that runs the latency workload. */
  public static final String LATENCY_IMAGE = "isocore.io/latency-workload";

  /** The image that runs the CPU burner. */
  public static final String NOISY_IMAGE = "isocore.io/noisy-neighbour";

  List<String> command(Container container, Path stats) {
    String image = container.getImage() == null ? "" : container.getImage();
    String main;
    if (image.startsWith(LATENCY_IMAGE)) {
      main = "io.isocore.quickstart.workload.LatencyWorkload";
    } else if (image.startsWith(NOISY_IMAGE)) {
      main = "io.isocore.quickstart.workload.CpuBurner";
    } else {
      return List.of("sleep", "infinity");
    }
    return List.of(
        java.toString(),
        // The latency workload pins its hot thread through the FFM API (a restricted method).
        "--enable-native-access=ALL-UNNAMED",
        "-Xmx64m",
        // Fewer JVM housekeeping threads and wake-ups beside the hot loop: a trading JVM is
        // tuned the same way.
        "-XX:+UseSerialGC",
        "-XX:-UsePerfData",
        "-XX:CICompilerCount=2",
        "-cp",
        classpath,
        main,
        stats.toString());
  }
}
