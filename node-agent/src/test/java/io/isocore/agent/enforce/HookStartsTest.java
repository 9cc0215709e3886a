package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.cgroup.QosClass;
import io.isocore.agent.testing.EnforcementFixture;
import io.isocore.agent.testing.FakeCgroupTree;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.CgroupTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A restarted exclusive container the pod status does not name yet: the hook pinned it and recorded
 * it, so the pass keeps it on its CPUs instead of moving it to the shared pool; an unrecorded new
 * container, or one rewritten since, gets the shared pool as before.
 */
class HookStartsTest {

  @TempDir Path dir;

  static List<FakeCgroupTree.Layout> layouts() {
    return FakeCgroupTree.Layout.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void aContainerTheHookPinnedKeepsItsCpusUntilThePodStatusNamesIt(FakeCgroupTree.Layout layout)
      throws Exception {
    EnforcementFixture f = new EnforcementFixture(dir.resolve("tree"), layout);
    AllocationEnforcer enforcer = f.enforcer();
    Path pins = Files.createDirectories(dir.resolve("pins"));
    enforcer.hookStarts(HookStarts.of(pins));
    enforcer.reconcile(EnforcementFixture.node(f.lat()));
    // The app container restarts: a new cgroup, pinned by the hook to 4-5 and recorded; another
    // new cgroup nobody recorded (a container started without the hook).
    String restarted = f.tree.addContainer(f.latUid, QosClass.BURSTABLE, "app0002", 1);
    String unrecorded = f.tree.addContainer(f.latUid, QosClass.BURSTABLE, "other0003", 1);
    f.tree.rewriteCpus(restarted, "4-5");
    f.tree.rewriteCpus(unrecorded, "4-5");
    String name = restarted.substring(restarted.lastIndexOf('/') + 1);
    Files.createDirectories(pins.resolve(f.latUid + "/.started"));
    Files.writeString(pins.resolve(f.latUid + "/.started/" + name), "4-5\n");

    enforcer.reconcile(EnforcementFixture.node(f.lat()));

    assertThat(f.tree.read(restarted, "cpuset.cpus")).isEqualTo("4-5");
    assertThat(f.tree.read(unrecorded, "cpuset.cpus")).isEqualTo("0-3");
    assertThat(f.tree.read(CgroupTree.parentOf(restarted), "cpuset.cpus")).isEqualTo("0-5");

    // Once something else rewrote it, the record no longer holds it.
    f.tree.rewriteCpus(restarted, "0-5");
    enforcer.reconcile(EnforcementFixture.node(f.lat()));
    assertThat(f.tree.read(restarted, "cpuset.cpus")).isEqualTo("0-3");
    assertThat(HookStarts.of(pins).started(f.latUid)).containsEntry(name, CpuSet.parse("4-5"));
  }
}
