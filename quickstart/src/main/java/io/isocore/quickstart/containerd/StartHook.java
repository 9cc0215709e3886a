package io.isocore.quickstart.containerd;

import java.nio.file.Path;
import java.time.Duration;

/**
 * isocore's start hook as this containerd runs it: an OCI {@code createRuntime} hook in the CRI
 * plugin's {@code base_runtime_spec}, so runc runs it for every container after creating its cgroup
 * and before its first instruction, with the pods' {@code isocore.io/*} annotations passed into the
 * spec ({@code pod_annotations}). containerd 1.6 builds pod sandboxes without the base spec, so the
 * runc runtime's binary is also {@code isocore-runc}, which runs the same hook after {@code runc
 * create} for every container, sandboxes included (the hook is idempotent).
 *
 * @param script node-agent's {@code isocore-pin-hook}
 * @param pins the pin directory the agent writes
 * @param pinWait how long the hook waits for an exclusive container's pin
 * @param log where the hook appends a line per container it pinned
 */
public record StartHook(Path script, Path pins, Duration pinWait, Path log) {

  /**
   * Installs {@code isocore-runc} and the hook into {@code bin}, with the wrapper's settings.
   *
   * @return the wrapper, the runc runtime's {@code BinaryName}
   */
  public Path installWrapper(Path bin, Path runc) throws java.io.IOException {
    java.nio.file.Files.createDirectories(bin);
    for (String name : java.util.List.of("isocore-runc", "isocore-pin-hook")) {
      Path to = bin.resolve(name);
      java.nio.file.Files.copy(
          script.resolveSibling(name), to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      to.toFile().setExecutable(true, false);
    }
    java.nio.file.Files.writeString(
        bin.resolve("isocore-runc.conf"),
        "RUNC=%s\nHOOK_ARGS=\"%s\"\n"
            .formatted(runc, String.join(" ", args().subList(1, args().size()))));
    return bin.resolve("isocore-runc");
  }

  /** The hook's arguments, {@code args[0]} first, as the OCI spec lists them. */
  public java.util.List<String> args() {
    return java.util.List.of(
        "isocore-pin-hook",
        "--pins",
        pins.toAbsolutePath().toString(),
        "--wait",
        Long.toString(Math.max(1, pinWait.toSeconds())),
        "--log",
        log.toAbsolutePath().toString());
  }
}
