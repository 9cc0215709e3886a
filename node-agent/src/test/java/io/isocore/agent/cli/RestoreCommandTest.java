package io.isocore.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.agent.cgroup.CgroupDriver;
import io.isocore.agent.cgroup.CgroupVersion;
import io.isocore.agent.testing.EnforcementFixture;
import io.isocore.agent.testing.FakeCgroupTree;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code isocore-agent restore} on a fixture host: output, exit codes, idempotence. */
class RestoreCommandTest {

  @TempDir Path dir;

  private EnforcementFixture f;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void host() throws Exception {
    f =
        new EnforcementFixture(
            dir, new FakeCgroupTree.Layout(CgroupVersion.V2, CgroupDriver.SYSTEMD, "containerd"));
    write("sys/devices/system/cpu/online", "0-7");
    write("sys/devices/system/node/has_memory", "0-1");
    write("proc/sys/kernel/random/boot_id", "b00t");
    write("sys/fs/cgroup/cgroup.controllers", "cpuset cpu hugetlb"); // as on a real v2 root
    write("proc/irq/30/smp_affinity_list", "0-3,6-7");
    write("state/irq-affinity", "isocore-irq-state v2\nboot-id b00t\n30 0-7 0-3,6-7");
    f.enforcer().reconcile(EnforcementFixture.node(f.lat()));
  }

  private void write(String relative, String text) throws Exception {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text + "\n");
  }

  private int run() {
    out.reset();
    err.reset();
    return Cli.run(
        new String[] {
          "restore",
          "--root",
          dir.toString(),
          "--state-dir",
          dir.resolve("state").toString(),
          "--cgroup-root",
          f.tree.cgroupRoot().toString()
        },
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void restoresThenFindsNothingToDo() throws Exception {
    assertThat(run()).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(Cli.OK);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("IRQ 30: 0-3,6-7 -> 0-7")
        .contains("restored: isocore's IRQ and cpuset changes on this node are undone");
    assertThat(f.tree.read(f.app, "cpuset.cpus")).isEqualTo("0-7");
    assertThat(Files.readString(dir.resolve("proc/irq/30/smp_affinity_list")).strip())
        .isEqualTo("0-7");

    assertThat(run()).isEqualTo(Cli.OK);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("IRQs: 0 restored")
        .contains("already has CPUs 0-7");
  }

  @Test
  void aCorruptStateFileExitsNonZeroNamingItAndChangesNothing() throws Exception {
    write("state/irq-affinity", "not a state file");

    assertThat(run()).isEqualTo(Cli.ERROR);

    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("error: restore failed: " + dir.resolve("state/irq-affinity") + ": line 1")
        .contains("nothing was changed");
    assertThat(f.tree.read(f.app, "cpuset.cpus")).isEqualTo("4-5");
    assertThat(Files.readString(dir.resolve("proc/irq/30/smp_affinity_list")).strip())
        .isEqualTo("0-3,6-7");
  }

  @Test
  void theUsageNamesTheCommand() {
    assertThat(Cli.usage()).contains("isocore-agent restore [--root DIR] [--state-dir DIR]");
  }
}
