package io.isocore.agent.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.testing.FixtureSysfs;
import io.isocore.core.audit.IsolationState;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.node.NodeSnapshot;
import io.isocore.core.topology.CacheGroup;
import io.isocore.core.topology.Core;
import io.isocore.core.topology.Cpu;
import io.isocore.core.topology.NumaNode;
import io.isocore.core.topology.Socket;
import io.isocore.core.topology.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reads generated sysfs trees of many shapes and checks every part against the shape. */
class FixtureTopologyTest {

  @TempDir Path root;

  static Stream<FixtureSysfs> shapes() {
    List<FixtureSysfs> shapes = new ArrayList<>();
    for (int packages : new int[] {1, 2, 4, 8}) {
      for (int numa : new int[] {1, 2, 4}) {
        for (int smt : new int[] {1, 2, 4}) {
          shapes.add(
              FixtureSysfs.machine()
                  .packages(packages)
                  .numaPerPackage(numa)
                  .coresPerNuma(2)
                  .threadsPerCore(smt));
        }
      }
    }
    shapes.add(
        FixtureSysfs.machine().packages(1).numaPerPackage(3).coresPerNuma(3).threadsPerCore(2));
    shapes.add(
        FixtureSysfs.machine()
            .packages(2)
            .numaPerPackage(2)
            .coresPerNuma(4)
            .threadsPerCore(2)
            .offline(CpuSet.parse("0,5,17-19,31")));
    // A whole NUMA node offline (its 4 cores, both threads) and CPU 0.
    shapes.add(
        FixtureSysfs.machine()
            .packages(2)
            .numaPerPackage(2)
            .coresPerNuma(4)
            .threadsPerCore(2)
            .offline(CpuSet.parse("0,4-7,20-23")));
    shapes.add(
        FixtureSysfs.machine()
            .packages(2)
            .numaPerPackage(1)
            .coresPerNuma(8)
            .threadsPerCore(2)
            .isolated(CpuSet.parse("2-7,10-15,18-23,26-31")));
    shapes.add(
        FixtureSysfs.machine()
            .packages(1)
            .numaPerPackage(1)
            .coresPerNuma(4)
            .threadsPerCore(2)
            .noNodeDirectory());
    shapes.add(
        FixtureSysfs.machine()
            .packages(2)
            .numaPerPackage(1)
            .coresPerNuma(4)
            .threadsPerCore(1)
            .noNodeDirectory()
            .oldKernel());
    shapes.add(
        FixtureSysfs.machine()
            .packages(4)
            .numaPerPackage(2)
            .coresPerNuma(3)
            .threadsPerCore(2)
            .oldKernel());
    shapes.add(
        FixtureSysfs.machine()
            .packages(2)
            .numaPerPackage(2)
            .coresPerNuma(2)
            .threadsPerCore(4)
            .oldKernel()
            .offline(CpuSet.parse("1,9,30-31")));
    shapes.add(
        FixtureSysfs.machine()
            .packages(2)
            .numaPerPackage(1)
            .coresPerNuma(2)
            .threadsPerCore(2)
            .hugepages(2048, 512, 100)
            .hugepages(1048576, 4, 0));
    return shapes.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void readsEveryShapeExactly(FixtureSysfs shape) {
    FixtureSysfs.Expected want = shape.write(root);
    NodeSnapshot snapshot = new NodeReader(root).read();
    Topology t = snapshot.topology();

    assertThat(snapshot.degradations()).isEmpty();
    assertThat(t.online()).isEqualTo(want.online());
    assertThat(t.offline()).isEqualTo(want.offline());

    Map<Integer, CpuSet> sockets = new TreeMap<>();
    for (Socket s : t.sockets()) {
      sockets.put(s.id(), s.cpus());
    }
    assertThat(sockets).isEqualTo(want.sockets());

    Map<Integer, CpuSet> nodes = new TreeMap<>();
    for (NumaNode n : t.numaNodes()) {
      nodes.put(n.id(), n.cpus());
    }
    assertThat(nodes).isEqualTo(want.numaNodes());

    Map<CpuSet, List<Integer>> cores = new LinkedHashMap<>();
    for (Core c : t.cores()) {
      assertThat(c.id()).isEqualTo(c.cpus().first());
      cores.put(c.cpus(), List.of(c.socket(), c.numaNode()));
    }
    Map<CpuSet, List<Integer>> wantCores = new LinkedHashMap<>();
    want.cores().forEach((cpus, where) -> wantCores.put(cpus, List.of(where[0], where[1])));
    assertThat(cores).containsExactlyInAnyOrderEntriesOf(wantCores);

    for (Cpu cpu : t.cpus()) {
      Core core = t.coresById().get(cpu.core());
      assertThat(core.cpus().contains(cpu.id())).as("cpu %d in its core", cpu.id()).isTrue();
      assertThat(cpu.socket()).isEqualTo(core.socket());
      assertThat(cpu.numaNode()).isEqualTo(core.numaNode());
    }
    assertThat(t.cpus()).extracting(Cpu::id).containsExactlyElementsOf(want.online().toList());

    assertThat(t.l3Groups())
        .extracting(CacheGroup::cpus)
        .containsExactlyElementsOf(want.l3Groups().values());
    for (CacheGroup g : t.l3Groups()) {
      g.cpus().forEach(cpu -> assertThat(t.cpu(cpu).orElseThrow().l3Group()).isEqualTo(g.id()));
    }

    // L3 ids: the kernel's (the fixture writes 100 + node), or a dense index on old kernels.
    boolean old = shape.toString().contains("old-kernel");
    List<Integer> wantIds = new ArrayList<>();
    int dense = 0;
    for (int nodeIndex : want.l3Groups().keySet()) {
      wantIds.add(old ? dense++ : 100 + nodeIndex);
    }
    assertThat(t.l3Groups()).extracting(CacheGroup::id).containsExactlyElementsOf(wantIds);

    IsolationState iso = snapshot.isolation();
    CpuSet isolated = iso.kernelIsolated();
    assertThat(iso.nohzFull()).isEqualTo(isolated);
    assertThat(iso.cmdline().isolcpus().orElse(CpuSet.empty())).isEqualTo(isolated);
  }
}
