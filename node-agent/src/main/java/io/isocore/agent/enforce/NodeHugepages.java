package io.isocore.agent.enforce;

import io.isocore.agent.host.HostFiles;
import io.isocore.agent.host.HostRoot;
import io.isocore.core.topology.HugepageSize;
import java.io.IOException;

/** Free hugepages per NUMA node, from {@code /sys/devices/system/node/node<N>/hugepages}. */
public final class NodeHugepages {

  private final HostRoot host;

  /** Creates a reader of the host under {@code host}. */
  public NodeHugepages(HostRoot host) {
    this.host = host;
  }

  /** Returns the free pages of {@code size} on NUMA node {@code node}; 0 when there is no pool. */
  public long freePages(int node, HugepageSize size) throws IOException {
    return HostFiles.freeHugepages(host, node, size).orElse(0);
  }
}
