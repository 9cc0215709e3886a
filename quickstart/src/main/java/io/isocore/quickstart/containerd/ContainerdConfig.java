package io.isocore.quickstart.containerd;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The quickstart's own containerd: everything it keeps (root, state, runc state, the socket) under
 * one directory, the CRI plugin with the native snapshotter, the cgroupfs driver ({@code
 * SystemdCgroup = false}) and a sandbox image built by the quickstart, so it never pulls and shares
 * nothing with a containerd the machine may run.
 *
 * @param dir the directory that holds everything of this containerd
 * @param sandboxImage the pause image (imported before the first pod)
 * @param hook isocore's start hook, when containers get their cpusets before they start
 */
public record ContainerdConfig(Path dir, String sandboxImage, Optional<StartHook> hook) {

  /** A containerd without the start hook. */
  public ContainerdConfig(Path dir, String sandboxImage) {
    this(dir, sandboxImage, Optional.empty());
  }

  /** The image every pod sandbox runs. */
  public static final String PAUSE_IMAGE = "isocore.local/pause:quickstart";

  /** The CRI namespace, where the CRI plugin keeps its images and containers. */
  public static final String NAMESPACE = "k8s.io";

  /** Returns the gRPC socket (CRI and containerd's own API). */
  public Path socket() {
    return dir.resolve("containerd.sock");
  }

  /** Returns where containerd's own output goes. */
  public Path log() {
    return dir.resolve("containerd.log");
  }

  /** Returns runc's state directory (not the shared /run/containerd/runc). */
  public Path runcRoot() {
    return dir.resolve("runc");
  }

  /** Returns the CRI plugin's base OCI spec (with the start hook), when there is a hook. */
  public Path baseRuntimeSpec() {
    return dir.resolve("base-runtime-spec.json");
  }

  /** Returns where {@code isocore-runc} and the hook are installed, when there is a hook. */
  public Path hookBin() {
    return dir.resolve("bin");
  }

  /** The runc binary: isocore-runc with the hook, otherwise runc from the PATH. */
  private String binaryLine() {
    return hook.isEmpty()
        ? ""
        : "                BinaryName = \"%s\"\n".formatted(hookBin().resolve("isocore-runc"));
  }

  /**
   * The runc runtime's lines for the start hook: the base spec that holds it, and the pods' {@code
   * isocore.io/*} annotations passed into every container's spec (sandboxes included).
   */
  private String hookLines() {
    return hook.isEmpty()
        ? ""
        : "      base_runtime_spec = \"%s\"\n      pod_annotations = [\"isocore.io/*\"]\n"
            .formatted(baseRuntimeSpec());
  }

  /** Renders config.toml (format version 2, containerd 1.5 to 1.7). */
  public String toml() {
    return """
        version = 2
        root = "%1$s/root"
        state = "%1$s/state"
        plugin_dir = ""
        # No /opt/containerd, no snapshotters beyond native, no tracing.
        disabled_plugins = ["io.containerd.internal.v1.opt", "io.containerd.snapshotter.v1.aufs", \
        "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.devmapper", \
        "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.overlayfs", \
        "io.containerd.tracing.processor.v1.otlp", "io.containerd.internal.v1.tracing"]

        [grpc]
          address = "%2$s"
        [ttrpc]
          address = "%2$s.ttrpc"
        [debug]
          address = ""
        [metrics]
          address = ""

        [plugins."io.containerd.runtime.v1.linux"]
          runtime_root = "%1$s/runc-v1"

        [plugins."io.containerd.grpc.v1.cri"]
          sandbox_image = "%3$s"
          stream_server_address = "127.0.0.1"
          stream_server_port = "0"
          enable_selinux = false
          disable_apparmor = true
          restrict_oom_score_adj = true
          [plugins."io.containerd.grpc.v1.cri".containerd]
            snapshotter = "native"
            default_runtime_name = "runc"
            [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
              runtime_type = "io.containerd.runc.v2"
        %5$s              [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                SystemdCgroup = false
                Root = "%4$s"
        %6$s          # Pods use the host's network: no CNI configuration is read.
          [plugins."io.containerd.grpc.v1.cri".cni]
            bin_dir = "%1$s/cni/bin"
            conf_dir = "%1$s/cni/conf.d"
        """
        .formatted(dir, socket(), sandboxImage, runcRoot(), hookLines(), binaryLine());
  }
}
