package io.isocore.agent.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.isocore.agent.testing.FixtureSysfs;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.node.Degradation;
import io.isocore.core.node.NodeSnapshot;
import io.isocore.core.topology.NumaNode;
import io.isocore.core.topology.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed sysfs degrades the part it belongs to, names the file, and never stops the reading.
 * Base machine: 2 packages x 1 node x 2 cores x 2 threads (CPUs 0-7; core c holds c and c+4).
 */
class BadInputTest {

  @TempDir Path root;
  private Path cpu;
  private Path node;

  @BeforeEach
  void writeMachine() {
    FixtureSysfs.machine()
        .packages(2)
        .numaPerPackage(1)
        .coresPerNuma(2)
        .threadsPerCore(2)
        .write(root);
    cpu = root.resolve("sys/devices/system/cpu");
    node = root.resolve("sys/devices/system/node");
  }

  private NodeSnapshot read() {
    return new NodeReader(root).read();
  }

  private static void raw(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes);
  }

  @Test
  void strayNulBytesAtTheEndAreIgnored() throws IOException {
    raw(cpu.resolve("online"), "0-7\n\0\0\0".getBytes(StandardCharsets.UTF_8));
    raw(
        cpu.resolve("cpu3/topology/thread_siblings_list"),
        "3,7\0\0".getBytes(StandardCharsets.UTF_8));
    raw(node.resolve("node1/cpulist"), "2-3,6-7\0".getBytes(StandardCharsets.UTF_8));
    raw(
        cpu.resolve("cpu5/topology/physical_package_id"),
        "1\0\0\0\0".getBytes(StandardCharsets.UTF_8));
    NodeSnapshot s = read();
    assertThat(s.degradations()).isEmpty();
    assertThat(s.topology().online()).isEqualTo(CpuSet.range(0, 7));
    assertThat(s.topology().numaNode(1).orElseThrow().cpus()).isEqualTo(CpuSet.parse("2-3,6-7"));
    assertThat(s.topology().cores()).hasSize(4);
  }

  @Test
  void aTruncatedNumberDefaultsAndNamesTheFile() throws IOException {
    raw(cpu.resolve("cpu6/topology/physical_package_id"), new byte[0]);
    NodeSnapshot s = read();
    assertThat(s.degradations())
        .containsExactly(
            new Degradation(
                "/sys/devices/system/cpu/cpu6/topology/physical_package_id",
                "expected an integer, found '': not a decimal integer"));
    // The rest of the machine is intact.
    assertThat(s.topology().cpus()).hasSize(8);
    assertThat(s.topology().numaNodes())
        .extracting(NumaNode::cpus)
        .containsExactly(CpuSet.parse("0-1,4-5"), CpuSet.parse("2-3,6-7"));
  }

  @Test
  void garbageInACpuListDegradesThatNodeOnly() throws IOException {
    FixtureSysfs.put(node.resolve("node1/cpulist"), "2-3,six");
    Files.delete(node.resolve("node1/cpumap"));
    NodeSnapshot s = read();
    assertThat(s.degradations())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.file()).isEqualTo("/sys/devices/system/node/node1/cpulist");
              assertThat(d.problem()).startsWith("expected a CPU list, found '2-3,six'");
            });
    Topology t = s.topology();
    assertThat(t.numaNode(0).orElseThrow().cpus()).isEqualTo(CpuSet.parse("0-1,4-5"));
    assertThat(t.numaNode(1).orElseThrow().cpus()).isEqualTo(CpuSet.empty());
    assertThat(t.cpu(2).orElseThrow().numaNode()).isEqualTo(-1);
    assertThat(t.cores()).hasSize(4);
  }

  @Test
  void aGarbageOnlineListFallsBackToPerCpuOnlineFiles() throws IOException {
    FixtureSysfs.put(cpu.resolve("online"), "0-7-9");
    FixtureSysfs.put(cpu.resolve("cpu7/online"), "0");
    NodeSnapshot s = read();
    assertThat(s.degradations())
        .extracting(Degradation::file)
        .containsExactly("/sys/devices/system/cpu/online");
    assertThat(s.topology().online()).isEqualTo(CpuSet.range(0, 6));
  }

  @Test
  void aDirectoryWhereAFileIsExpectedFallsBackToTheMask() throws IOException {
    Path list = cpu.resolve("cpu1/topology/thread_siblings_list");
    Files.delete(list);
    Files.createDirectory(list);
    NodeSnapshot s = read();
    assertThat(s.degradations())
        .containsExactly(
            new Degradation(
                "/sys/devices/system/cpu/cpu1/topology/thread_siblings_list",
                "expected a file, found a directory"));
    assertThat(s.topology().coresById().get(1).cpus()).isEqualTo(CpuSet.of(1, 5));
  }

  @Test
  void aMissingTopologyDirectoryMakesTheCpuItsOwnCore() throws IOException {
    deleteTree(cpu.resolve("cpu5/topology"));
    NodeSnapshot s = read();
    assertThat(s.degradations())
        .extracting(Degradation::describe)
        .containsExactly(
            "/sys/devices/system/cpu/cpu5/topology: missing for online CPU 5; treated as its own core");
    // CPU 1 still names 5 its sibling, so the union keeps core 1 whole.
    assertThat(s.topology().coresById().get(1).cpus()).isEqualTo(CpuSet.of(1, 5));
  }

  @Test
  void garbageMeminfoAndDistanceDegradeOnlyThoseFigures() throws IOException {
    FixtureSysfs.put(node.resolve("node0/meminfo"), "Node 0 MemTotal: lots");
    FixtureSysfs.put(node.resolve("node0/distance"), "10 x");
    NodeSnapshot s = read();
    assertThat(s.degradations())
        .extracting(Degradation::file)
        .containsExactlyInAnyOrder(
            "/sys/devices/system/node/node0/meminfo", "/sys/devices/system/node/node0/distance");
    assertThat(s.degradations())
        .extracting(Degradation::problem)
        .contains("expected a number after MemTotal:");
    NumaNode n0 = s.topology().numaNode(0).orElseThrow();
    assertThat(n0.memoryTotalBytes()).isZero();
    assertThat(n0.distances()).isEmpty();
    assertThat(n0.cpus()).isEqualTo(CpuSet.parse("0-1,4-5"));
  }

  @Test
  void aMeminfoWithoutMemFreeIsNotDegraded() throws IOException {
    // As in the KNL dump of the corpus: only MemTotal.
    FixtureSysfs.put(node.resolve("node1/meminfo"), "Node 1 MemTotal:       1048576 kB");
    NodeSnapshot s = read();
    assertThat(s.degradations()).isEmpty();
    assertThat(s.topology().numaNode(1).orElseThrow().memoryTotalBytes()).isEqualTo(1L << 30);
    assertThat(s.topology().numaNode(1).orElseThrow().memoryFreeBytes()).isZero();
  }

  @Test
  void permissionDeniedIsNamed() throws IOException {
    Path file = cpu.resolve("cpu2/topology/core_id");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
    if (Files.isReadable(file)) {
      System.out.println("SKIPPED permission test: running as root, mode 000 does not stop reads");
    }
    Assumptions.assumeFalse(Files.isReadable(file), "running as root: mode 000 is readable");
    NodeSnapshot s = read();
    assertThat(s.degradations())
        .containsExactly(
            new Degradation("/sys/devices/system/cpu/cpu2/topology/core_id", "permission denied"));
  }

  @Test
  void randomGarbageInEveryFileNeverThrows() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    Random random = new Random(42);
    for (int round = 0; round < 20; round++) {
      for (Path f : files) {
        if (random.nextInt(3) == 0) {
          byte[] junk = new byte[random.nextInt(12)];
          random.nextBytes(junk);
          raw(f, junk);
        }
      }
      NodeSnapshot[] out = new NodeSnapshot[1];
      assertThatCode(() -> out[0] = read()).doesNotThrowAnyException();
      assertThat(out[0].degradations()).isNotEmpty();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
