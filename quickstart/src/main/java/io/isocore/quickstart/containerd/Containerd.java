package io.isocore.quickstart.containerd;

import io.isocore.quickstart.cri.CriClient;
import io.isocore.quickstart.cri.CriException;
import io.isocore.quickstart.cri.v1.PodSandbox;
import io.isocore.quickstart.cri.v1.VersionResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A containerd daemon the quickstart starts, owns and removes: its own config, root, state, runc
 * state and socket under one directory ({@link ContainerdConfig}), never the system service. On
 * {@link #close()} it removes every sandbox through the CRI, stops the daemon, then removes what
 * could be left ({@link ContainerdLeftovers}): its shims, mounts and the directory.
 */
public final class Containerd implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Where containerd 1.6's shims put their sockets whatever the config says: removed on close if
   * this run created it and it is empty then.
   */
  private static final List<Path> SHIM_SOCKET_DIRS =
      List.of(Path.of("/run/containerd/s"), Path.of("/run/containerd"));

  private final ContainerdConfig config;
  private final Process daemon;
  private final CriClient cri;
  private final String version;
  private final List<Path> createdDirs;
  private final Path ctr;

  private Containerd(
      ContainerdConfig config,
      Process daemon,
      CriClient cri,
      String version,
      List<Path> createdDirs,
      Path ctr) {
    this.ctr = ctr;
    this.config = config;
    this.daemon = daemon;
    this.cri = cri;
    this.version = version;
    this.createdDirs = createdDirs;
  }

  /** The PATH searched for the binaries, with the sbin directories where runc lives. */
  static String defaultSearchPath() {
    return System.getenv().getOrDefault("PATH", "") + ":/usr/local/sbin:/usr/sbin:/sbin";
  }

  /** Returns the binaries containerd needs that are not on the PATH, empty when all are. */
  public static List<String> missingBinaries() {
    return missingBinaries(defaultSearchPath());
  }

  static List<String> missingBinaries(String searchPath) {
    List<String> missing = new ArrayList<>();
    for (String name : List.of("containerd", "containerd-shim-runc-v2", "runc", "ctr")) {
      if (which(name, searchPath).isEmpty()) {
        missing.add(name);
      }
    }
    return missing;
  }

  /** Returns {@code name}'s path in {@code searchPath}. */
  static Optional<Path> which(String name, String searchPath) {
    for (String dir : searchPath.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Optional.of(Path.of(dir, name));
      }
    }
    return Optional.empty();
  }

  /**
   * Starts containerd in {@code dir} (created; it must not hold another run's state) and waits
   * until its CRI answers.
   *
   * @throws RuntimeUnavailableException with the one-line reason when it cannot serve
   */
  public static Containerd start(Path dir) throws RuntimeUnavailableException {
    return start(dir, defaultSearchPath(), Optional.empty());
  }

  /**
   * Starts containerd in {@code dir} with isocore's start hook in its base runtime spec, and waits
   * until its CRI answers.
   *
   * @throws RuntimeUnavailableException with the one-line reason when it cannot serve
   */
  public static Containerd start(Path dir, StartHook hook) throws RuntimeUnavailableException {
    return start(dir, defaultSearchPath(), Optional.of(hook));
  }

  /** Starts containerd in {@code dir}, its binaries found in {@code searchPath}. */
  static Containerd start(Path dir, String searchPath) throws RuntimeUnavailableException {
    return start(dir, searchPath, Optional.empty());
  }

  private static Containerd start(Path dir, String searchPath, Optional<StartHook> hook)
      throws RuntimeUnavailableException {
    List<String> missing = missingBinaries(searchPath);
    if (!missing.isEmpty()) {
      throw new RuntimeUnavailableException("containerd not found (no " + missing + " on PATH)");
    }
    ContainerdConfig config = new ContainerdConfig(dir, ContainerdConfig.PAUSE_IMAGE, hook);
    if (config.socket().toString().length() > 100) {
      throw new RuntimeUnavailableException(
          "socket path " + config.socket() + " is too long for a Unix socket");
    }
    Optional<ProcessHandle> running =
        ProcessHandle.allProcesses()
            .filter(
                p ->
                    p.info()
                        .commandLine()
                        .orElse("")
                        .contains(dir.resolve("config.toml").toString()))
            .findFirst();
    if (running.isPresent()) {
      // Another quickstart's: its state is not this run's to remove.
      throw new RuntimeUnavailableException(
          "another containerd (pid " + running.get().pid() + ") runs in " + dir);
    }
    List<Path> absent = SHIM_SOCKET_DIRS.stream().filter(d -> !Files.exists(d)).toList();
    Process daemon;
    try {
      if (Files.exists(dir)) {
        ContainerdLeftovers.remove(config);
      }
      Files.createDirectories(dir);
      if (hook.isPresent()) {
        BaseRuntimeSpec.write(
            which("ctr", searchPath).orElseThrow(), hook.get(), config.baseRuntimeSpec());
        hook.get().installWrapper(config.hookBin(), which("runc", searchPath).orElseThrow());
      }
      Path toml = Files.writeString(dir.resolve("config.toml"), config.toml());
      daemon =
          new ProcessBuilder(
                  which("containerd", searchPath).orElseThrow().toString(),
                  "--config",
                  toml.toString())
              .redirectErrorStream(true)
              .redirectOutput(config.log().toFile())
              .start();
    } catch (IOException e) {
      throw new RuntimeUnavailableException("containerd failed to start: " + e.getMessage(), e);
    }
    CriClient cri = CriClient.connect(config.socket());
    try {
      String version = awaitCri(config, daemon, cri);
      return new Containerd(
          config, daemon, cri, version, absent, which("ctr", searchPath).orElseThrow());
    } catch (RuntimeUnavailableException e) {
      cri.close();
      stop(daemon);
      ContainerdLeftovers.remove(config);
      ContainerdLeftovers.removeEmpty(absent);
      throw e;
    }
  }

  private static String awaitCri(ContainerdConfig config, Process daemon, CriClient cri)
      throws RuntimeUnavailableException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!daemon.isAlive()) {
        throw new RuntimeUnavailableException(
            "containerd exited with "
                + daemon.exitValue()
                + ": "
                + ContainerdLeftovers.lastError(config.log()));
      }
      if (Files.exists(config.socket())) {
        try {
          VersionResponse v = cri.version();
          return v.getRuntimeName() + " " + shortVersion(v.getRuntimeVersion());
        } catch (CriException e) {
          last = e.getMessage();
          if (last.contains("UNIMPLEMENTED")) {
            throw new RuntimeUnavailableException(
                "containerd's CRI plugin did not load: "
                    + ContainerdLeftovers.lastError(config.log()));
          }
        }
      }
      sleep(200);
    }
    throw new RuntimeUnavailableException(
        "containerd's CRI not ready after " + START_TIMEOUT.toSeconds() + " s: " + last);
  }

  /** {@code v1.6.20}, {@code 1.6.20~ds1} -> {@code 1.6.20}. */
  static String shortVersion(String version) {
    String v = version.startsWith("v") ? version.substring(1) : version;
    int end = 0;
    while (end < v.length() && (Character.isDigit(v.charAt(end)) || v.charAt(end) == '.')) {
      end++;
    }
    return end == 0 ? v : v.substring(0, end);
  }

  /** Returns "containerd 1.6.20": the runtime's name and version, as its CRI reports them. */
  public String version() {
    return version;
  }

  /** Returns the CRI client. */
  public CriClient cri() {
    return cri;
  }

  /** Returns this containerd's configuration (its socket, log, directories). */
  public ContainerdConfig config() {
    return config;
  }

  /**
   * Imports an OCI image archive into the CRI namespace with containerd's own tool, unpacked for
   * the native snapshotter.
   *
   * @throws RuntimeUnavailableException naming the archive and ctr's reason when it fails
   */
  public void importImage(Path archive) throws RuntimeUnavailableException {
    ContainerdImages.importArchive(ctr, config, archive);
  }

  /** Removes every sandbox, stops containerd, and removes what it left on this machine. */
  @Override
  public void close() {
    try {
      for (PodSandbox sandbox : cri.listPodSandboxes()) {
        cri.stopPodSandbox(sandbox.getId());
        cri.removePodSandbox(sandbox.getId());
      }
    } catch (CriException e) {
      System.err.println("isocore quickstart: cleanup: " + e.getMessage());
    }
    // Shims exit on their own once their sandbox is removed: let them, while containerd still
    // runs to see their tasks end, before it is stopped. (A shim daemonizes, so the machine's init
    // reaps it; for a moment after exit it may show as a zombie.)
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!ContainerdLeftovers.shims(config.socket()).isEmpty() && System.nanoTime() < deadline) {
      sleep(100);
    }
    sleep(200);
    cri.close();
    stop(daemon);
    ContainerdLeftovers.remove(config);
    ContainerdLeftovers.removeEmpty(createdDirs);
  }

  private static void stop(Process daemon) {
    daemon.destroy();
    try {
      if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
        daemon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
