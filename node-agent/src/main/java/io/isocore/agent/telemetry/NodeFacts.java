package io.isocore.agent.telemetry;

import io.isocore.agent.host.HostFiles;
import io.isocore.agent.host.HostRoot;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.topology.HugepageSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Node-wide facts for the node gauges, read from a host root so tests can use fixture trees: RT
 * throttling, whether irqbalance runs, the kubelet CPU manager policy, online CPUs and the hugepage
 * pools per NUMA node.
 */
public final class NodeFacts {

  /**
   * One hugepage pool.
   *
   * @param numaNode the NUMA node
   * @param size the page size label ({@code 2Mi}, {@code 1Gi})
   * @param pageBytes the page size in bytes
   * @param total pages in the pool
   * @param free free pages
   */
  public record HugepagePool(int numaNode, String size, long pageBytes, long total, long free) {}

  private static final Pattern NODE_DIR = Pattern.compile("node(\\d+)");
  private static final Pattern HUGEPAGE_DIR = Pattern.compile("hugepages-(\\d+)kB");
  private static final Pattern STATIC_POLICY = Pattern.compile("\"policyName\"\\s*:\\s*\"static\"");

  private final HostRoot host;

  /** Creates a reader of the host under {@code host}. */
  public NodeFacts(HostRoot host) {
    this.host = host;
  }

  /**
   * Whether RT throttling is on: {@code kernel.sched_rt_runtime_us} is not -1; empty if unknown.
   */
  public Optional<Boolean> rtThrottlingEnabled() {
    return HostFiles.read(host.proc().resolve("sys/kernel/sched_rt_runtime_us"))
        .map(String::strip)
        .map(v -> !v.equals("-1"));
  }

  /** Whether a process named irqbalance runs on the host. */
  public boolean irqbalanceRunning() {
    for (Path dir : children(host.proc(), "\\d+")) {
      if (HostFiles.read(dir.resolve("comm")).map(String::strip).orElse("").equals("irqbalance")) {
        return true;
      }
    }
    return false;
  }

  /** Whether the kubelet's CPU manager state file names the static policy; empty if absent. */
  public Optional<Boolean> kubeletCpuManagerStatic() {
    return HostFiles.read(host.kubeletCpuManagerState()).map(t -> STATIC_POLICY.matcher(t).find());
  }

  /** The online CPUs, from {@code devices/system/cpu/online}; empty if unreadable. */
  public Optional<CpuSet> onlineCpus() {
    return HostFiles.onlineCpus(host);
  }

  /** Hugepage pools per NUMA node and size; empty on kernels without NUMA sysfs. */
  public List<HugepagePool> hugepages() {
    List<HugepagePool> pools = new ArrayList<>();
    for (Path node : children(host.numaNodes(), "node\\d+")) {
      Matcher n = NODE_DIR.matcher(node.getFileName().toString());
      if (!n.matches()) {
        continue;
      }
      for (Path pool : children(node.resolve("hugepages"), "hugepages-\\d+kB")) {
        Matcher m = HUGEPAGE_DIR.matcher(pool.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        long kb = Long.parseLong(m.group(1));
        long total = number(pool.resolve("nr_hugepages"));
        long free = number(pool.resolve("free_hugepages"));
        if (total >= 0 && free >= 0) {
          pools.add(
              new HugepagePool(
                  Integer.parseInt(n.group(1)), sizeLabel(kb), kb * 1024, total, free));
        }
      }
    }
    return pools;
  }

  /** Kubernetes-style size label for a page size in KiB: 2048 to 2Mi, 1048576 to 1Gi. */
  static String sizeLabel(long kb) {
    return new HugepageSize(kb << 10).name();
  }

  private static long number(Path file) {
    return HostFiles.read(file).map(String::strip).map(Long::parseLong).orElse(-1L);
  }

  private static List<Path> children(Path dir, String nameRegex) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> s =
        Files.newDirectoryStream(dir, p -> p.getFileName().toString().matches(nameRegex))) {
      s.forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return out;
  }
}
