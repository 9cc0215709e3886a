package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.cgroup.CgroupDriver;
import io.isocore.agent.cgroup.CgroupVersion;
import io.isocore.agent.irq.AffinityWriter;
import io.isocore.agent.irq.IrqAffinity;
import io.isocore.agent.testing.EnforcementFixture;
import io.isocore.agent.testing.FakeCgroupTree;
import io.isocore.core.cpu.CpuSet;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Uninstall on fixture trees: IRQs back from the state file, every kubepods cpuset back to the
 * online CPUs, idempotent; bad input names the file and changes nothing.
 */
class NodeRestoreTest {

  private static final String BOOT = "5b3f0c2e-1d7a-4e8b-9c61-0a2b3c4d5e6f";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T20:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private EnforcementFixture f;
  private Path state;

  private void enforcedNode(FakeCgroupTree.Layout layout) throws Exception {
    f = new EnforcementFixture(dir, layout);
    write("sys/devices/system/cpu/online", "0-7");
    write("sys/devices/system/node/has_memory", "0-1");
    write("proc/sys/kernel/random/boot_id", BOOT);
    if (layout.version() == CgroupVersion.V2) {
      write("sys/fs/cgroup/cgroup.controllers", "cpuset cpu hugetlb"); // as on a real v2 root
    }
    write("proc/irq/30/smp_affinity_list", "0-7");
    write("proc/irq/31/smp_affinity_list", "5");
    write("proc/irq/32/smp_affinity_list", "1");
    state = dir.resolve("var/lib/isocore/irq-affinity");
    f.enforcer().reconcile(EnforcementFixture.node(f.lat()));
    new IrqAffinity(dir, Optional.of(state), AffinityWriter.FILES)
        .steer(CpuSet.parse("4-5"), CpuSet.parse("0-3"));
    assertThat(f.tree.read(f.app, "cpuset.cpus")).isEqualTo("4-5");
    assertThat(f.tree.read(f.web, "cpuset.cpus")).isEqualTo("0-3");
    assertThat(affinity(30)).isEqualTo("0-3,6-7");
  }

  private void write(String relative, String text) throws Exception {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text + "\n");
  }

  private String affinity(int irq) throws Exception {
    return Files.readString(dir.resolve("proc/irq/" + irq + "/smp_affinity_list")).strip();
  }

  private NodeRestore.Result restore(AffinityWriter writer) {
    return new NodeRestore(f.tree.host(), Optional.of(f.tree.cgroupRoot()), state, writer, CLOCK)
        .run();
  }

  static Iterable<FakeCgroupTree.Layout> layouts() {
    return FakeCgroupTree.Layout.all();
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void givesBackTheIrqsAndEveryKubepodsCpusetAndASecondRunDoesNothing(FakeCgroupTree.Layout layout)
      throws Exception {
    enforcedNode(layout);

    NodeRestore.Result result = restore(AffinityWriter.FILES);

    assertThat(result.failure()).isEmpty();
    for (String cgroup : new String[] {f.tree.kubepods(), f.app, f.side, f.web, f.db, f.latPod}) {
      assertThat(f.tree.read(cgroup, "cpuset.cpus")).as(cgroup).isEqualTo("0-7");
      assertThat(f.tree.read(cgroup, "cpuset.mems")).as(cgroup).isEqualTo("0-1");
    }
    assertThat(affinity(30)).isEqualTo("0-7");
    assertThat(affinity(31)).isEqualTo("5");
    assertThat(affinity(32)).isEqualTo("1");
    assertThat(result.lines())
        .contains("IRQ 30: 0-3,6-7 -> 0-7", "IRQ 31: 0-3 -> 5", "IRQs: 2 restored from " + state);
    assertThat(result.lines()).anyMatch(l -> l.startsWith("cpusets: ") && l.contains("writes)"));

    Map<String, String> after = f.tree.snapshot();
    NodeRestore.Result again = restore(AffinityWriter.FILES);

    assertThat(again.failure()).isEmpty();
    assertThat(f.tree.snapshot()).isEqualTo(after);
    assertThat(again.lines())
        .contains("IRQs: 0 restored from " + state)
        .anyMatch(l -> l.contains("already has CPUs 0-7 and memory nodes 0-1"));
  }

  @Test
  void aCorruptStateFileIsNamedAndNothingChanges() throws Exception {
    enforcedNode(FakeCgroupTree.Layout.all().getFirst());
    Files.writeString(state, "isocore-irq-state v2\nboot-id " + BOOT + "\n30 0-7 banana\n");
    Map<String, String> before = f.tree.snapshot();

    NodeRestore.Result result = restore(AffinityWriter.FILES);

    assertThat(result.ok()).isFalse();
    assertThat(result.failure().orElseThrow())
        .contains(state.toString())
        .contains("line 3")
        .endsWith("nothing was changed");
    assertThat(f.tree.snapshot()).isEqualTo(before);
    assertThat(affinity(30)).isEqualTo("0-3,6-7");
    assertThat(state).exists(); // restore never renames it: the operator decides
  }

  @Test
  void withoutAKubepodsCgroupItSaysWhereItLookedAndChangesNothing() throws Exception {
    enforcedNode(FakeCgroupTree.Layout.all().getFirst());
    Path empty = dir.resolve("other-cgroupfs");
    Files.createDirectories(empty);
    Files.writeString(empty.resolve("cgroup.controllers"), "cpuset cpu\n");

    NodeRestore.Result result =
        new NodeRestore(f.tree.host(), Optional.of(empty), state, AffinityWriter.FILES, CLOCK)
            .run();

    assertThat(result.failure().orElseThrow())
        .contains("no kubepods cgroup under " + empty)
        .endsWith("nothing was changed");
    assertThat(affinity(30)).isEqualTo("0-3,6-7");
  }

  @Test
  void aStateFileOfAnotherBootRestoresNoIrqButTheCpusetsAreReset() throws Exception {
    enforcedNode(FakeCgroupTree.Layout.all().getFirst());
    write("proc/sys/kernel/random/boot_id", "after-a-reboot");

    NodeRestore.Result result = restore(AffinityWriter.FILES);

    assertThat(result.failure()).isEmpty();
    assertThat(affinity(30)).isEqualTo("0-3,6-7");
    assertThat(result.lines())
        .anyMatch(l -> l.contains("belongs to boot " + BOOT) && l.contains("nothing is restored"));
    assertThat(f.tree.read(f.web, "cpuset.cpus")).isEqualTo("0-7");
  }

  @Test
  void anIrqThatCannotBeWrittenFailsTheRestoreNamingTheStateFile() throws Exception {
    enforcedNode(FakeCgroupTree.Layout.all().getFirst());
    AffinityWriter readOnly =
        (file, value) -> {
          throw new FileSystemException(file.toString(), null, "Read-only file system");
        };

    NodeRestore.Result result = restore(readOnly);

    assertThat(result.ok()).isFalse();
    assertThat(result.failure().orElseThrow())
        .contains(state.toString())
        .contains("IRQ 30 could not be restored to 0-7: Read-only file system");
    assertThat(Files.readString(state)).contains("30 0-7 0-3,6-7"); // kept for a later attempt
  }

  /** A probe cgroup as a killed agent leaves it: the kernel's files, no task. */
  private Path leftover(String hierarchy, String name, String tasks) throws Exception {
    Path probe = f.tree.cgroupRoot().resolve(hierarchy).resolve(name);
    Files.createDirectories(probe);
    for (String file : new String[] {"tasks", "cgroup.procs", "cpuset.cpus", "cpuset.mems"}) {
      Files.writeString(probe.resolve(file), file.equals("tasks") ? tasks : "");
    }
    return probe;
  }

  @Test
  void theEmptyProbeCgroupsAKilledAgentLeftAreRemovedAndNothingElse() throws Exception {
    enforcedNode(new FakeCgroupTree.Layout(CgroupVersion.V1, CgroupDriver.CGROUPFS, "containerd"));
    Path cpuset = leftover("cpuset", "isocore-probe", "");
    Path cpu = leftover("cpu", "isocore-probe", "");
    Path similar = leftover("cpuset", "isocore-probe-test-1234", "");
    Path nested = leftover("cpuset", f.tree.kubepods() + "/isocore-probe", "");

    NodeRestore.Result result = restore(AffinityWriter.FILES);

    assertThat(result.failure()).isEmpty();
    assertThat(cpuset).doesNotExist();
    assertThat(cpu).doesNotExist();
    assertThat(similar).as("only the one isocore creates").exists();
    assertThat(nested).as("only at the hierarchy root").exists();
    assertThat(result.lines())
        .contains(
            "probe cgroup: removed the empty " + cpuset + " a killed agent left",
            "probe cgroup: removed the empty " + cpu + " a killed agent left");

    NodeRestore.Result again = restore(AffinityWriter.FILES);
    assertThat(again.failure()).isEmpty();
    assertThat(again.lines()).contains("probe cgroup: none at " + cpuset);
  }

  @Test
  void aProbeCgroupWithAThreadInItIsKeptAndNamed() throws Exception {
    enforcedNode(new FakeCgroupTree.Layout(CgroupVersion.V1, CgroupDriver.SYSTEMD, "containerd"));
    Path used = leftover("cpuset", "isocore-probe", "4242\n");
    Path child = leftover("cpu", "isocore-probe/someone-elses", "");

    NodeRestore.Result result = restore(AffinityWriter.FILES);

    assertThat(result.failure()).as("a probe cgroup in use is not the restore's to fix").isEmpty();
    assertThat(Files.readString(used.resolve("tasks")).strip()).isEqualTo("4242");
    assertThat(child).exists();
    assertThat(result.lines())
        .contains(
            "probe cgroup: kept " + used + " (threads 4242 are still in it (tasks))",
            "probe cgroup: kept " + child.getParent() + " (it has a child cgroup someone-elses)");
  }

  @Test
  void onCgroupV2NoProbeCgroupIsLookedAt() throws Exception {
    enforcedNode(new FakeCgroupTree.Layout(CgroupVersion.V2, CgroupDriver.SYSTEMD, "containerd"));
    Path probe = f.tree.cgroupRoot().resolve("isocore-probe");
    Files.createDirectories(probe);

    NodeRestore.Result result = restore(AffinityWriter.FILES);

    assertThat(result.failure()).isEmpty();
    assertThat(probe).as("isocore creates no probe cgroup on v2").exists();
    assertThat(result.lines()).noneMatch(l -> l.startsWith("probe cgroup"));
  }
}
