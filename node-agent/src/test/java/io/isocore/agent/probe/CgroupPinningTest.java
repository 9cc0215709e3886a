package io.isocore.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.agent.cgroup.CgroupHierarchy;
import io.isocore.agent.cgroup.CgroupVersion;
import io.isocore.agent.cgroup.ProbeCgroup;
import io.isocore.core.cpu.CpuSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CgroupPinning} and {@link ProbePlacement} on fixture trees: the agent as a container of
 * the kubepods tree, under a sandbox prefix as in the quickstart. cgroup v2 is tested only here:
 * the development machine has a v1 cpuset hierarchy (the v1 path is also proven on the real kernel
 * by {@link ProbeInContainerKernelTest}).
 */
class CgroupPinningTest {

  private static final String CONTAINER = "kubepods/burstable/pod1/0123abcd";

  @TempDir Path tmp;

  /** Threads 100 (main) and 101 (the probe thread, calling), affinities and pins recorded. */
  static final class FakeThreads implements ProcessThreads {
    final Map<Long, CpuSet> affinity = new LinkedHashMap<>();
    final List<String> pins = new ArrayList<>();
    String cgroupText = "";

    @Override
    public long currentTid() {
      return 101;
    }

    @Override
    public List<Long> all() {
      return List.copyOf(affinity.keySet());
    }

    @Override
    public CpuSet affinity(long tid) {
      return affinity.get(tid);
    }

    @Override
    public void pin(long tid, CpuSet cpus) {
      pins.add(tid + "->" + cpus);
      affinity.put(tid, cpus);
    }

    @Override
    public String cgroupFile(long tid) {
      return cgroupText;
    }
  }

  private final FakeThreads threads = new FakeThreads();

  private Path v1Tree(String homeCpus) throws IOException {
    Path cpuset = Files.createDirectories(tmp.resolve("cgroup/cpuset"));
    Files.writeString(cpuset.resolve("cpuset.effective_mems"), "0");
    Path home = Files.createDirectories(cpuset.resolve(CONTAINER));
    Files.writeString(home.resolve("tasks"), "100\n101\n");
    Files.writeString(home.resolve("cpuset.effective_cpus"), homeCpus);
    // The files the kernel creates with a cgroup, empty as in a new v1 cpuset.
    Path probe = Files.createDirectories(cpuset.resolve(ProbeCgroup.NAME));
    for (String f : List.of("cpuset.mems", "cpuset.cpus", "tasks")) {
      Files.writeString(probe.resolve(f), "");
    }
    // The cpu hierarchy beside it, the container at the kubelet's weight for 50m.
    Path cpu = Files.createDirectories(cpuset.resolveSibling("cpu,cpuacct"));
    Files.writeString(cpu.resolve("cpu.shares"), "1024");
    Path cpuHome = Files.createDirectories(cpu.resolve(CONTAINER));
    Files.writeString(cpuHome.resolve("tasks"), "100\n101\n");
    Files.writeString(cpuHome.resolve("cpu.shares"), "51");
    Path cpuProbe = Files.createDirectories(cpu.resolve(ProbeCgroup.NAME));
    Files.writeString(cpuProbe.resolve("tasks"), "");
    threads.cgroupText =
        "12:memory:/isocore-quickstart-1/"
            + CONTAINER
            + "\n"
            + "5:cpu,cpuacct:/isocore-quickstart-1/"
            + CONTAINER
            + "\n"
            + "4:cpuset:/isocore-quickstart-1/"
            + CONTAINER
            + "\n";
    threads.affinity.put(100L, CpuSet.parse(homeCpus));
    threads.affinity.put(101L, CpuSet.parse(homeCpus));
    return cpuset;
  }

  @Test
  void v1ContainerOnTheSharedPoolProbesFromItsOwnCgroupAndComesBack() throws Exception {
    Path cpuset = v1Tree("0");
    CgroupPinning pinning =
        new CgroupPinning(new CgroupHierarchy(CgroupVersion.V1, cpuset), threads);

    pinning.pin(CpuSet.of(1));

    Path probe = cpuset.resolve(ProbeCgroup.NAME);
    assertThat(probe.resolve("cpuset.cpus")).hasContent("1");
    assertThat(probe.resolve("cpuset.mems")).hasContent("0");
    assertThat(probe.resolve("tasks")).hasContent("101");
    assertThat(threads.pins).containsExactly("101->1");
    // At the default weight, not the agent pod's 51 shares.
    Path cpu = cpuset.resolveSibling("cpu,cpuacct");
    assertThat(cpu.resolve(ProbeCgroup.NAME).resolve("tasks")).hasContent("101");

    pinning.unpin(CpuSet.of(0));

    assertThat(cpuset.resolve(CONTAINER).resolve("tasks")).hasContent("101");
    assertThat(probe).doesNotExist();
    assertThat(cpu.resolve(CONTAINER).resolve("tasks")).hasContent("101");
    assertThat(cpu.resolve(ProbeCgroup.NAME)).doesNotExist();
    assertThat(threads.pins).containsExactly("101->1", "101->0");
  }

  @Test
  void aCgroupThatAllowsTheCpuNeedsOnlyAffinityAndNoProbeCgroupIsWritten() throws Exception {
    Path cpuset = v1Tree("0-1");
    CgroupPinning pinning =
        new CgroupPinning(new CgroupHierarchy(CgroupVersion.V1, cpuset), threads);

    pinning.pin(CpuSet.of(1));
    pinning.unpin(CpuSet.of(0, 1));

    assertThat(cpuset.resolve(ProbeCgroup.NAME).resolve("tasks")).hasContent("");
    assertThat(cpuset.resolveSibling("cpu,cpuacct").resolve(ProbeCgroup.NAME).resolve("tasks"))
        .hasContent("");
    assertThat(threads.pins).containsExactly("101->1", "101->0-1");
  }

  @Test
  void aProbeCgroupLeftByAKilledAgentIsRemovedAtStartup() throws Exception {
    Path cpuset = v1Tree("0");
    CgroupPinning pinning =
        new CgroupPinning(new CgroupHierarchy(CgroupVersion.V1, cpuset), threads);
    assertThat(cpuset.resolve(ProbeCgroup.NAME)).isDirectory();

    pinning.close();

    assertThat(cpuset.resolve(ProbeCgroup.NAME)).doesNotExist();
    assertThat(cpuset.resolveSibling("cpu,cpuacct").resolve(ProbeCgroup.NAME)).doesNotExist();
    assertThat(cpuset.resolve(CONTAINER)).isDirectory();
  }

  @Test
  void aProbeCgroupInUseAtStartupIsKeptForReuseAndOnV2NoneIsLookedAt() throws Exception {
    Path cpuset = v1Tree("0");
    Files.writeString(cpuset.resolve(ProbeCgroup.NAME).resolve("tasks"), "555\n");
    CgroupPinning pinning =
        new CgroupPinning(new CgroupHierarchy(CgroupVersion.V1, cpuset), threads);

    pinning.close();

    assertThat(cpuset.resolve(ProbeCgroup.NAME).resolve("tasks")).exists();
    assertThat(cpuset.resolveSibling("cpu,cpuacct").resolve(ProbeCgroup.NAME))
        .as("the unused one beside it goes")
        .doesNotExist();

    Path v2 = Files.createDirectories(tmp.resolve("v2"));
    Files.createDirectories(v2.resolve(ProbeCgroup.NAME));
    new CgroupPinning(new CgroupHierarchy(CgroupVersion.V2, v2), threads).close();
    assertThat(v2.resolve(ProbeCgroup.NAME)).as("isocore creates none on v2").isDirectory();
  }

  private Path v2Tree(String homeCpus) throws IOException {
    Path root = Files.createDirectories(tmp.resolve("cgroup"));
    Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu memory");
    Path home = Files.createDirectories(root.resolve(CONTAINER));
    Files.writeString(home.resolve("cgroup.threads"), "100\n101\n");
    Files.writeString(home.resolve("cpuset.cpus.effective"), homeCpus);
    // A cgroup namespace: the thread sees its own cgroup as the root.
    threads.cgroupText = "0::/\n";
    threads.affinity.put(100L, CpuSet.parse(homeCpus));
    threads.affinity.put(101L, CpuSet.parse(homeCpus));
    return root;
  }

  @Test
  void v2ContainerWithoutTheCpuCannotProbeItAndSaysWhy() throws Exception {
    Path root = v2Tree("0");
    CgroupPinning pinning = new CgroupPinning(new CgroupHierarchy(CgroupVersion.V2, root), threads);
    // In a cgroup namespace the path is "/": the container's own cgroup is the namespace root.
    Files.writeString(root.resolve("cgroup.threads"), "100\n101\n");
    Files.writeString(root.resolve("cpuset.cpus.effective"), "0");

    assertThatThrownBy(() -> pinning.pin(CpuSet.of(1)))
        .isInstanceOf(AffinityException.class)
        .hasMessageContaining("cgroup v2")
        .hasMessageContaining("cpuset 0 does not include CPU 1");
    assertThat(root.resolve(ProbeCgroup.NAME)).doesNotExist();
    assertThat(threads.pins).isEmpty();
  }

  @Test
  void v2ContainerWhoseCpusetIncludesTheIdleIsolatedCpusKeepsItsOtherThreadsOffThem()
      throws Exception {
    Path root = v2Tree("0-1");
    threads.cgroupText = "0::/" + CONTAINER + "\n";
    CgroupPinning pinning = new CgroupPinning(new CgroupHierarchy(CgroupVersion.V2, root), threads);

    pinning.confineOthers(CpuSet.of(1));
    pinning.pin(CpuSet.of(1));

    assertThat(threads.affinity)
        .containsEntry(100L, CpuSet.of(0))
        .containsEntry(101L, CpuSet.of(1));
    assertThat(root.resolve(ProbeCgroup.NAME)).doesNotExist();

    pinning.unpin(CpuSet.of(0));
    assertThat(threads.affinity).containsEntry(101L, CpuSet.of(0));
  }

  @Test
  void placementByVersionAndHome() {
    CpuSet one = CpuSet.of(1);
    assertThat(ProbePlacement.decide(CgroupVersion.V1, Optional.of(CpuSet.of(0)), one).kind())
        .isEqualTo(ProbePlacement.Kind.PROBE_CGROUP);
    assertThat(ProbePlacement.decide(CgroupVersion.V2, Optional.of(CpuSet.of(0)), one).kind())
        .isEqualTo(ProbePlacement.Kind.UNAVAILABLE);
    for (CgroupVersion v : CgroupVersion.values()) {
      assertThat(ProbePlacement.decide(v, Optional.of(CpuSet.of(0, 1)), one).kind())
          .isEqualTo(ProbePlacement.Kind.AFFINITY);
      assertThat(ProbePlacement.decide(v, Optional.empty(), one).kind())
          .isEqualTo(ProbePlacement.Kind.AFFINITY);
    }
  }
}
