package io.isocore.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.testing.FixtureSysfs;
import io.isocore.agent.topology.NodeReader;
import io.isocore.api.v1alpha1.NodeTopologyStatus;
import io.isocore.api.v1alpha1.NumaNodeInfo;
import io.isocore.mapping.topology.NodeTopologies;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusChangeTest {

  @TempDir Path root;

  private NodeTopologyStatus status() {
    FixtureSysfs.machine()
        .packages(1)
        .numaPerPackage(2)
        .coresPerNuma(2)
        .threadsPerCore(2)
        .write(root);
    return NodeTopologies.toStatus(new NodeReader(root).read());
  }

  private static NodeTopologyStatus withFree(NodeTopologyStatus s, long free, String refresh) {
    List<NumaNodeInfo> nodes =
        s.numaNodes().stream()
            .map(
                n ->
                    new NumaNodeInfo(
                        n.id(), n.cpus(), n.memoryTotalBytes(), free, n.distances(), n.hugepages()))
            .toList();
    return new NodeTopologyStatus(
        s.sockets(),
        nodes,
        s.cores(),
        s.cpus(),
        s.l3Groups(),
        s.cpusOnline(),
        s.cpusOffline(),
        s.isolation(),
        s.nics(),
        s.cgroup(),
        s.environment(),
        s.cpuHealth(),
        refresh,
        s.conditions());
  }

  @Test
  void timestampsAndSmallFreeMemoryMovesAreNotChanges() {
    NodeTopologyStatus s = status();
    NodeTopologyStatus a = withFree(s, 8L << 30, "2026-01-01T00:00:00Z");
    NodeTopologyStatus b = withFree(s, (8L << 30) - (100L << 20), "2026-01-01T00:01:00Z");
    assertThat(StatusChange.changed(a, b)).isFalse();
    assertThat(StatusChange.changed(a, withFree(s, 6L << 30, null))).isTrue();
    assertThat(StatusChange.changed(null, a)).isTrue();
  }

  @Test
  void anyTopologyDifferenceIsAChange() {
    NodeTopologyStatus s = status();
    NodeTopologyStatus offline =
        new NodeTopologyStatus(
            s.sockets(),
            s.numaNodes(),
            s.cores(),
            s.cpus(),
            s.l3Groups(),
            "0-6",
            "7",
            s.isolation(),
            s.nics(),
            s.cgroup(),
            s.environment(),
            s.cpuHealth(),
            s.lastRefreshTime(),
            s.conditions());
    assertThat(StatusChange.changed(s, offline)).isTrue();
  }
}
