package io.isocore.agent.host;

import io.isocore.core.topology.HugepageSize;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The host's filesystem as the agent sees it: {@code /} on a node, the host mount in a container, a
 * fixture tree in tests, a dump of another machine for the CLI. Every reader resolves its files
 * here, so that the kernel files the agent uses are named in one place.
 *
 * @param root the directory holding {@code sys/} and {@code proc/}
 */
public record HostRoot(Path root) {

  /** The host seen from the agent running on it. */
  public static final HostRoot SLASH = new HostRoot(Path.of("/"));

  /** Rejects null. */
  public HostRoot {
    Objects.requireNonNull(root, "root");
  }

  /** A root at {@code path}. */
  public static HostRoot of(String path) {
    return new HostRoot(Path.of(path));
  }

  /** {@code <root>/sys}. */
  public Path sys() {
    return root.resolve("sys");
  }

  /** {@code <root>/proc}. */
  public Path proc() {
    return root.resolve("proc");
  }

  /** A path below the root, e.g. {@code var/lib/kubelet/cpu_manager_state}. */
  public Path resolve(String relative) {
    return root.resolve(relative);
  }

  /** The cgroupfs mount point, {@code <root>/sys/fs/cgroup}. */
  public Path cgroupfs() {
    return sys().resolve("fs/cgroup");
  }

  /** {@code /proc/self/mounts}: where each cgroup hierarchy is mounted. */
  public Path mounts() {
    return proc().resolve("self/mounts");
  }

  /** {@code /sys/devices/system/cpu/online}: the online CPUs. */
  public Path onlineCpus() {
    return sys().resolve("devices/system/cpu/online");
  }

  /** {@code /sys/devices/system/node}: one directory per NUMA node. */
  public Path numaNodes() {
    return sys().resolve("devices/system/node");
  }

  /** The free pages of one size on one NUMA node. */
  public Path freeHugepages(int numaNode, HugepageSize size) {
    return numaNodes()
        .resolve("node" + numaNode)
        .resolve("hugepages")
        .resolve(size.sysfsName())
        .resolve("free_hugepages");
  }

  /** {@code /proc/<pid>/task/<tid>/status} of one thread. */
  public Path threadStatus(long pid, long tid) {
    return proc()
        .resolve(Long.toString(pid))
        .resolve("task")
        .resolve(Long.toString(tid))
        .resolve("status");
  }

  /** The kubelet's CPU manager checkpoint. */
  public Path kubeletCpuManagerState() {
    return resolve("var/lib/kubelet/cpu_manager_state");
  }
}
