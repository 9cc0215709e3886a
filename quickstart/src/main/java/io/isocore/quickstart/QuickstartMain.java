package io.isocore.quickstart;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ./isocore quickstart}: isocore doing its main job on this machine. An embedded API server
 * (Fabric8 mock, CRUD mode) with the CRDs; this machine registered as a Node; the real operator and
 * node agent against it; a default IsolationProfile (CPU 0 for housekeeping) and the example
 * tenants; then a latency pod and a noisy neighbour, run as containers through the quickstart's own
 * containerd (its CRI, as the kubelet does) or as local processes, in a sandbox cgroup subtree that
 * the agent enforces exactly as on a node. See {@link Quickstart}.
 */
public final class QuickstartMain {

  private QuickstartMain() {}

  public static void main(String[] args) throws Exception {
    QuickstartOptions options;
    try {
      options = QuickstartOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("isocore quickstart: " + e.getMessage());
      System.err.println(
          "usage: ./isocore quickstart [--duration 60s] [--runtime process|containerd] [--dry-run]"
              + " [--no-isolation]");
      System.exit(2);
      return;
    }
    int code;
    try {
      code = new Quickstart(repositoryRoot(), options).run();
    } catch (Exception e) {
      System.err.println("isocore quickstart failed: " + e.getMessage());
      System.err.println(
          "details: quickstart/target/run/quickstart.log and quickstart/target/run/logs/");
      Logger.getLogger(QuickstartMain.class.getName()).log(Level.SEVERE, "quickstart failed", e);
      code = 1;
    }
    // Exits through the shutdown hook, which stops the pods and components and removes the sandbox.
    System.exit(code);
  }

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    String home = System.getProperty("isocore.root");
    if (home != null) {
      return Path.of(home);
    }
    while (dir != null && !Files.isDirectory(dir.resolve("crds"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("run from the isocore repository (no crds/ folder found)");
    }
    return dir;
  }
}
