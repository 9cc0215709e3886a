package io.isocore.agent.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.isocore.agent.cli.Cli;
import io.isocore.api.v1alpha1.NodeTopologyStatus;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.node.NodeSnapshot;
import io.isocore.core.testing.SharedTopologies;
import io.isocore.core.topology.Core;
import io.isocore.core.topology.NumaNode;
import io.isocore.core.topology.Socket;
import io.isocore.core.topology.Topology;
import io.isocore.mapping.topology.NodeTopologies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code topology --json} on every machine of the shared conformance corpus (sysfs dumps of 17
 * real machines with what hwloc reports for each), reads the JSON back and compares packages, NUMA
 * nodes with their CPUs, cores with their CPUs and online CPUs. Where isocore deliberately differs
 * from hwloc, the difference is listed in {@link #DECISIONS} with its reason, and the alternative
 * rule is checked instead, so an exception cannot hide a real bug.
 */
class TopologyConformanceTest {

  /** Documented, tested decisions where isocore's reading and hwloc's differ. */
  enum Decision {
    /**
     * AMD Bulldozer: the kernel's thread_siblings pairs the two integer cores of a compute unit;
     * they share front end, FPU and L2, so for latency isolation isocore treats the compute unit as
     * one core (a pod gets both or neither). hwloc shows 64 single-PU cores; isocore 32 two-PU
     * cores, each exactly the union of two hwloc cores of one package.
     */
    COMPUTE_UNIT_IS_ONE_CORE,
    /**
     * Memory-only NUMA nodes (KNL MCDRAM, GPU memory) have no CPUs in sysfs and isocore keeps them
     * with none; hwloc attaches them to the CPUs of the nearest CPU-bearing node. Checked: hwloc's
     * CPUs equal those of a CPU-bearing node nearest by the node's SLIT distances (one of the
     * nearest where distances tie).
     */
    MEMORY_ONLY_NODE_HAS_NO_CPUS
  }

  static final Map<String, Set<Decision>> DECISIONS =
      Map.of(
          "64amd64-4s2n4ca2co", Set.of(Decision.COMPUTE_UNIT_IS_ONE_CORE),
          "64intel64-fakeKNL-SNC4-hybrid", Set.of(Decision.MEMORY_ONLY_NODE_HAS_NO_CPUS),
          "nvidiagpunumanodes-kept", Set.of(Decision.MEMORY_ONLY_NODE_HAS_NO_CPUS));

  private static final ObjectMapper JSON = new ObjectMapper();

  static Optional<Path> corpus() {
    return SharedTopologies.corpus();
  }

  static List<Path> machines() throws IOException {
    Path dir = corpus().orElseThrow();
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> Files.exists(p.resolve("expected.json")))
          .sorted(Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    }
  }

  @Test
  void everyCorpusMachineAgreesWithHwlocOrADocumentedDecision() throws IOException {
    Optional<Path> corpus = corpus();
    if (corpus.isEmpty()) {
      System.out.println(
          "SKIPPED topology conformance: no corpus (set ISOCORE_TOPOLOGIES or -Disocore.root)");
    }
    Assumptions.assumeTrue(corpus.isPresent(), "conformance corpus ../shared/topologies absent");
    List<Path> machines = machines();
    List<String> failures = new ArrayList<>();
    int agree = 0;
    Map<String, String> decided = new TreeMap<>();
    for (Path machine : machines) {
      String name = machine.getFileName().toString();
      Set<Decision> allowed = DECISIONS.getOrDefault(name, Set.of());
      Comparison c = compare(machine, allowed);
      if (!c.problems.isEmpty()) {
        failures.add(name + ": " + String.join("; ", c.problems));
      } else if (c.applied.isEmpty()) {
        agree++;
      } else {
        decided.put(name, c.applied.toString());
      }
      if (!allowed.equals(c.applied) && c.problems.isEmpty()) {
        failures.add(name + ": listed decisions " + allowed + " but applied " + c.applied);
      }
    }
    System.out.printf(
        "%d/%d machines agree with hwloc; %d differ by documented decision %s%n",
        agree, machines.size(), decided.size(), decided);
    assertThat(machines).hasSize(17);
    assertThat(failures).isEmpty();
    assertThat(agree + decided.size()).isEqualTo(machines.size());
  }

  record Comparison(List<String> problems, Set<Decision> applied) {}

  static Comparison compare(Path machine, Set<Decision> allowed) throws IOException {
    JsonNode expected = JSON.readTree(machine.resolve("expected.json").toFile());
    // Compare what the CLI prints: topology --json, read back as a consumer would.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int exit =
        Cli.run(new String[] {"topology", "--root", machine.toString(), "--json"}, print, print);
    List<String> problems = new ArrayList<>();
    if (exit != 0) {
      return new Comparison(List.of("topology --json exited " + exit + ": " + out), Set.of());
    }
    NodeTopologyStatus status =
        JSON.readValue(out.toString(StandardCharsets.UTF_8), NodeTopologyStatus.class);
    Topology t = NodeTopologies.toTopology(machine.getFileName().toString(), status);
    NodeSnapshot direct = new NodeReader(machine).read();
    if (!t.equals(direct.topology())) {
      problems.add("the JSON does not carry the whole topology read");
    }
    // Real dumps hold nothing malformed: any degradation here is a reader bug.
    direct.degradations().forEach(d -> problems.add("degraded: " + d.describe()));
    // The human summary renders every machine.
    ByteArrayOutputStream summary = new ByteArrayOutputStream();
    PrintStream summaryOut = new PrintStream(summary, true, StandardCharsets.UTF_8);
    if (Cli.run(new String[] {"topology", "--root", machine.toString()}, summaryOut, summaryOut)
            != 0
        || !summary.toString(StandardCharsets.UTF_8).contains("package ")) {
      problems.add("topology summary failed: " + summary);
    }
    Set<Decision> applied = new HashSet<>();

    // Packages.
    Map<Integer, CpuSet> expectedPackages = new TreeMap<>();
    expected
        .get("packages")
        .forEach(p -> expectedPackages.put(p.get("os_index").asInt(), set(p.get("pus"))));
    Map<Integer, CpuSet> packages = new TreeMap<>();
    for (Socket s : t.sockets()) {
      packages.put(s.id(), s.cpus());
    }
    if (!packages.equals(expectedPackages)) {
      problems.add("packages " + packages + " != hwloc " + expectedPackages);
    }

    // Online CPUs.
    CpuSet expectedOnline =
        expectedPackages.values().stream().reduce(CpuSet.empty(), CpuSet::union);
    if (!t.online().equals(expectedOnline)) {
      problems.add("online " + t.online() + " != hwloc " + expectedOnline);
    }
    if (expected.has("pus_not_represented")) {
      CpuSet notRepresented = set(expected.get("pus_not_represented"));
      if (!t.offline().equals(notRepresented)) {
        problems.add("offline " + t.offline() + " != hwloc not represented " + notRepresented);
      }
    }

    // NUMA nodes with their CPUs.
    Map<Integer, CpuSet> expectedNodes = new TreeMap<>();
    expected
        .get("numa_nodes")
        .forEach(n -> expectedNodes.put(n.get("os_index").asInt(), set(n.get("cpus"))));
    Map<Integer, NumaNode> nodes = new TreeMap<>();
    t.numaNodes().forEach(n -> nodes.put(n.id(), n));
    if (!nodes.keySet().equals(expectedNodes.keySet())) {
      problems.add("NUMA ids " + nodes.keySet() + " != hwloc " + expectedNodes.keySet());
    } else {
      for (NumaNode node : t.numaNodes()) {
        CpuSet want = expectedNodes.get(node.id());
        if (node.cpus().equals(want)) {
          continue;
        }
        if (node.cpus().isEmpty() && allowed.contains(Decision.MEMORY_ONLY_NODE_HAS_NO_CPUS)) {
          List<CpuSet> nearest = nearestCpus(t, node);
          if (nearest.contains(want)) {
            applied.add(Decision.MEMORY_ONLY_NODE_HAS_NO_CPUS);
            continue;
          }
          problems.add(
              "memory-only node "
                  + node.id()
                  + ": hwloc CPUs "
                  + want
                  + " are not those of the nearest CPU node "
                  + nearest);
          continue;
        }
        problems.add("NUMA node " + node.id() + " CPUs " + node.cpus() + " != hwloc " + want);
      }
    }

    // Cores with their CPUs and package.
    Set<String> expectedCores = new HashSet<>();
    List<CpuSet> expectedCoreSets = new ArrayList<>();
    Map<CpuSet, Integer> expectedCorePackage = new java.util.HashMap<>();
    expected
        .get("cores")
        .forEach(
            c -> {
              CpuSet pus = set(c.get("pus"));
              expectedCores.add(c.get("package").asInt() + ":" + pus);
              expectedCoreSets.add(pus);
              expectedCorePackage.put(pus, c.get("package").asInt());
            });
    Set<String> cores = new HashSet<>();
    for (Core core : t.cores()) {
      cores.add(core.socket() + ":" + core.cpus());
    }
    if (!cores.equals(expectedCores)) {
      if (allowed.contains(Decision.COMPUTE_UNIT_IS_ONE_CORE)
          && eachCoreIsTwoHwlocCores(t, expectedCoreSets, expectedCorePackage)) {
        applied.add(Decision.COMPUTE_UNIT_IS_ONE_CORE);
      } else {
        Set<String> missing = new HashSet<>(expectedCores);
        missing.removeAll(cores);
        Set<String> extra = new HashSet<>(cores);
        extra.removeAll(expectedCores);
        problems.add(
            "cores differ: hwloc only " + first(missing) + ", isocore only " + first(extra));
      }
    }
    return new Comparison(problems, applied);
  }

  /**
   * The CPU sets of the CPU-bearing nodes nearest to {@code node} by its SLIT distance row; several
   * when distances tie (POWER9 GPU memory is 80 from both sockets: hwloc then uses the GPU's PCI
   * locality, which the node directories do not carry).
   */
  static List<CpuSet> nearestCpus(Topology t, NumaNode node) {
    List<NumaNode> all = t.numaNodes();
    if (node.distances().size() != all.size()) {
      return List.of();
    }
    int best = Integer.MAX_VALUE;
    List<CpuSet> nearest = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      NumaNode other = all.get(i);
      int d = node.distances().get(i);
      if (other.cpus().isEmpty() || d > best) {
        continue;
      }
      if (d < best) {
        nearest.clear();
        best = d;
      }
      nearest.add(other.cpus());
    }
    return nearest;
  }

  static boolean eachCoreIsTwoHwlocCores(
      Topology t, List<CpuSet> hwlocCores, Map<CpuSet, Integer> pkg) {
    int covered = 0;
    for (Core core : t.cores()) {
      List<CpuSet> parts = hwlocCores.stream().filter(core.cpus()::containsAll).toList();
      CpuSet union = parts.stream().reduce(CpuSet.empty(), CpuSet::union);
      if (parts.size() != 2 || !union.equals(core.cpus())) {
        return false;
      }
      if (parts.stream().anyMatch(p -> pkg.get(p) != core.socket())) {
        return false;
      }
      covered += 2;
    }
    return covered == hwlocCores.size();
  }

  private static String first(Set<String> s) {
    return s.stream().sorted().limit(4).toList()
        + (s.size() > 4 ? " (+" + (s.size() - 4) + ")" : "");
  }

  static CpuSet set(JsonNode array) {
    List<Integer> ids = new ArrayList<>();
    array.forEach(n -> ids.add(n.asInt()));
    return CpuSet.of(ids);
  }
}
