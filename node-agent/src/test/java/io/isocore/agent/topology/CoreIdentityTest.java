package io.isocore.agent.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.testing.FixtureSysfs;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.topology.Core;
import io.isocore.core.topology.Topology;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How CPUs become cores, without the corpus: the decisions of docs/topology-json.md. */
class CoreIdentityTest {

  @TempDir Path root;

  private Path topo(int cpu) {
    return root.resolve("sys/devices/system/cpu/cpu" + cpu + "/topology");
  }

  @Test
  void aBulldozerComputeUnitIsOneCoreAlthoughItsCoreIdsDiffer() throws IOException {
    // 4 single-thread cores, core_id 0-3; then pair 0+1 and 2+3 as Bulldozer's sysfs does.
    FixtureSysfs.machine().coresPerNuma(4).threadsPerCore(1).write(root);
    for (int cpu = 0; cpu < 4; cpu++) {
      CpuSet unit = cpu < 2 ? CpuSet.of(0, 1) : CpuSet.of(2, 3);
      FixtureSysfs.put(topo(cpu).resolve("thread_siblings_list"), unit.toListString());
      FixtureSysfs.put(topo(cpu).resolve("thread_siblings"), unit.toMask());
    }
    Topology t = new SysfsTopologyReader(root).read().topology();
    assertThat(t.cores()).extracting(Core::cpus).containsExactly(CpuSet.of(0, 1), CpuSet.of(2, 3));
    assertThat(t.cores()).extracting(Core::coreId).containsExactly(0, 2);
    assertThat(t.threadsPerCore()).isEqualTo(2);
  }

  @Test
  void oneSidedSiblingListsStillMakeOneCore() throws IOException {
    FixtureSysfs.machine().coresPerNuma(2).threadsPerCore(2).write(root);
    // CPU 2 (sibling of 0) claims only itself; CPU 0 still names 2.
    FixtureSysfs.put(topo(2).resolve("thread_siblings_list"), "2");
    Topology t = new SysfsTopologyReader(root).read().topology();
    assertThat(t.coresById().get(0).cpus()).isEqualTo(CpuSet.of(0, 2));
    assertThat(t.cores()).hasSize(2);
  }

  @Test
  void coreIdsRepeatingAcrossNodesOfOnePackageAreDistinctCores() throws IOException {
    FixtureSysfs.machine()
        .packages(1)
        .numaPerPackage(2)
        .coresPerNuma(2)
        .threadsPerCore(1)
        .write(root);
    Topology t = new SysfsTopologyReader(root).read().topology();
    // core_id is 0,1 in node 0 and again 0,1 in node 1: four cores, not two.
    assertThat(t.cores()).extracting(Core::coreId).containsExactly(0, 1, 0, 1);
    assertThat(t.cores()).extracting(Core::id).containsExactly(0, 1, 2, 3);
  }

  @Test
  void anOfflineSiblingIsNotPartOfTheCore() throws IOException {
    FixtureSysfs.machine().coresPerNuma(2).threadsPerCore(2).offline(CpuSet.of(3)).write(root);
    Topology t = new SysfsTopologyReader(root).read().topology();
    assertThat(t.coresById().get(1).cpus()).isEqualTo(CpuSet.of(1));
    assertThat(t.offline()).isEqualTo(CpuSet.of(3));
  }
}
