package io.isocore.agent.enforce;

import io.isocore.agent.host.HostFiles;
import io.isocore.agent.host.HostRoot;
import io.isocore.core.cpu.CpuSet;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the few node facts enforcement needs from sysfs (the topology readers publish the full
 * picture; this stays small so enforcement does not wait for them).
 */
public final class NodeCpusReader {

  private final HostRoot host;

  /** Creates a reader of the host under {@code host}. */
  public NodeCpusReader(HostRoot host) {
    this.host = host;
  }

  /**
   * Reads online CPUs, memory nodes, the kernel's isolated CPUs and each NUMA node's CPUs.
   *
   * @param explicitIsolated the profile's explicit isolated list, when its source is Explicit
   */
  public NodeCpus read(Optional<CpuSet> explicitIsolated) throws IOException {
    CpuSet online =
        HostFiles.onlineCpus(host)
            .orElseThrow(
                () ->
                    new IOException(
                        host.onlineCpus()
                            + " does not exist: is "
                            + host.root()
                            + " a host root?"));
    Path nodes = host.numaNodes();
    CpuSet memory = list(nodes.resolve("has_memory"), list(nodes.resolve("online"), CpuSet.of(0)));
    CpuSet isolated =
        explicitIsolated.isPresent()
            ? explicitIsolated.get()
            : list(host.sys().resolve("devices/system/cpu/isolated"), CpuSet.empty());
    Map<Integer, CpuSet> numa = new HashMap<>();
    if (Files.isDirectory(nodes)) {
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(nodes, "node[0-9]*")) {
        for (Path dir : dirs) {
          int id = Integer.parseInt(dir.getFileName().toString().substring(4));
          numa.put(id, list(dir.resolve("cpulist"), CpuSet.empty()));
        }
      }
    }
    return new NodeCpus(online, memory, isolated, numa);
  }

  private static CpuSet list(Path file, CpuSet fallback) {
    return HostFiles.read(file).map(CpuSet::parse).orElse(fallback);
  }
}
