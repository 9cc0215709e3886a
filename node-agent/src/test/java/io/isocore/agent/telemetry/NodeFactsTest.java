package io.isocore.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.telemetry.NodeFacts.HugepagePool;
import io.isocore.agent.telemetry.testing.FakeProcTree;
import io.isocore.core.cpu.CpuSet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeFactsTest {

  @TempDir Path dir;

  private NodeFacts facts(FakeProcTree t) {
    return new NodeFacts(t.host());
  }

  @Test
  void hugepagesPerNodeAndSize() {
    FakeProcTree t =
        new FakeProcTree(dir)
            .write("sys/devices/system/node/node0/hugepages/hugepages-2048kB/nr_hugepages", "512\n")
            .write(
                "sys/devices/system/node/node0/hugepages/hugepages-2048kB/free_hugepages", "500\n")
            .write(
                "sys/devices/system/node/node1/hugepages/hugepages-1048576kB/nr_hugepages", "4\n")
            .write(
                "sys/devices/system/node/node1/hugepages/hugepages-1048576kB/free_hugepages", "1\n")
            .write("sys/devices/system/node/node1/meminfo", "");
    assertThat(facts(t).hugepages())
        .containsExactlyInAnyOrder(
            new HugepagePool(0, "2Mi", 2L << 20, 512, 500),
            new HugepagePool(1, "1Gi", 1L << 30, 4, 1));
  }

  @Test
  void environmentFlags() {
    FakeProcTree t = new FakeProcTree(dir).node(1, 1).process(1, "systemd");
    NodeFacts f = facts(t);
    assertThat(f.rtThrottlingEnabled()).contains(true);
    assertThat(f.irqbalanceRunning()).isFalse();
    assertThat(f.kubeletCpuManagerStatic()).isEmpty();
    assertThat(f.onlineCpus()).contains(CpuSet.parse("0-3"));

    t.process(99, "irqbalance")
        .write("proc/sys/kernel/sched_rt_runtime_us", "-1\n")
        .write(
            "var/lib/kubelet/cpu_manager_state",
            "{\"policyName\":\"static\",\"defaultCpuSet\":\"0-1\",\"checksum\":1}");
    assertThat(f.rtThrottlingEnabled()).contains(false);
    assertThat(f.irqbalanceRunning()).isTrue();
    assertThat(f.kubeletCpuManagerStatic()).contains(true);
  }

  @Test
  void sizeLabels() {
    assertThat(NodeFacts.sizeLabel(2048)).isEqualTo("2Mi");
    assertThat(NodeFacts.sizeLabel(1048576)).isEqualTo("1Gi");
    assertThat(NodeFacts.sizeLabel(64)).isEqualTo("64Ki");
  }
}
