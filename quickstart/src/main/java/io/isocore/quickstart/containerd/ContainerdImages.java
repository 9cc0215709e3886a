package io.isocore.quickstart.containerd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The quickstart's images, built offline by {@code quickstart/images/build-images.sh}
 * (busybox-static and the JDK's glibc libraries in a base layer, the workloads' jars in a second)
 * and imported with {@code ctr images import}.
 */
public final class ContainerdImages {

  /** The archives the script writes, in import order. */
  static final List<String> ARCHIVES =
      List.of("pause.tar", "base.tar", "agent.tar", "latency.tar", "noisy.tar");

  /** The image the agent pod runs (its quarkus-app and the JDK are bind-mounted). */
  public static final String AGENT_IMAGE = "isocore.local/node-agent:quickstart";

  private ContainerdImages() {}

  /**
   * Builds every image into {@code out} and imports it into {@code containerd}.
   *
   * @param script quickstart/images/build-images.sh
   * @param javaHome the JDK containers bind-mount read-only
   * @param classpath a directory holding the workloads' jars
   */
  public static void buildAndImport(
      Containerd containerd, Path script, Path out, Path javaHome, Path classpath)
      throws RuntimeUnavailableException {
    try {
      Files.createDirectories(out);
      run(
          "image build",
          List.of(script.toString(), out.toString(), javaHome.toString(), classpath.toString()));
    } catch (IOException e) {
      throw new RuntimeUnavailableException("image build failed: " + e.getMessage(), e);
    }
    for (String archive : ARCHIVES) {
      containerd.importImage(out.resolve(archive));
    }
  }

  static void importArchive(Path ctr, ContainerdConfig config, Path archive)
      throws RuntimeUnavailableException {
    run(
        "image import of " + archive.getFileName(),
        List.of(
            ctr.toString(),
            "--address",
            config.socket().toString(),
            "--namespace",
            ContainerdConfig.NAMESPACE,
            "images",
            "import",
            "--snapshotter",
            "native",
            archive.toString()));
  }

  private static void run(String what, List<String> command) throws RuntimeUnavailableException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new RuntimeUnavailableException(what + " timed out");
      }
      if (p.exitValue() != 0) {
        String last = output.strip().lines().reduce((a, b) -> b).orElse("no output");
        throw new RuntimeUnavailableException(
            what + " failed (exit " + p.exitValue() + "): " + last);
      }
    } catch (IOException e) {
      throw new RuntimeUnavailableException(what + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeUnavailableException(what + " interrupted", e);
    }
  }
}
