package io.isocore.quickstart.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox on a fixture cgroup tree (plain directories standing in for cgroupfs). */
class SandboxTest {

  @TempDir Path cgroups;

  private void fixture() throws IOException {
    Files.createDirectories(cgroups.resolve("cpuset"));
    Files.writeString(cgroups.resolve("cpuset/cpuset.cpus"), "0-1\n");
    Files.writeString(cgroups.resolve("cpuset/cpuset.mems"), "0\n");
    Files.createDirectories(cgroups.resolve("cpu"));
    Files.writeString(cgroups.resolve("cpu/cpu.shares"), "1024\n");
  }

  @Test
  void newCgroupsInheritTheirParentsCpusAndMemsSoTasksCanJoin() throws IOException {
    fixture();
    try (Sandbox sandbox = Sandbox.create(cgroups, "isocore-quickstart-1")) {
      if (sandbox.dryRunReason().isPresent()) {
        assertThat(System.getProperty("user.name")).isNotEqualTo("root");
        return;
      }
      sandbox.createCgroup("kubepods/podabc/c1");
      Path container = cgroups.resolve("cpuset/isocore-quickstart-1/kubepods/podabc/c1");
      assertThat(container.resolve("cpuset.cpus")).hasContent("0-1");
      assertThat(container.resolve("cpuset.mems")).hasContent("0");
      assertThat(cgroups.resolve("cpu/isocore-quickstart-1/kubepods/podabc/c1")).isDirectory();
      assertThat(sandbox.joinCommands("kubepods/podabc/c1"))
          .containsExactly(
              "echo $$ > " + container.resolve("cgroup.procs"),
              "echo $$ > "
                  + cgroups.resolve("cpu/isocore-quickstart-1/kubepods/podabc/c1/cgroup.procs"));
    }
  }

  @Test
  void withoutACpusetHierarchyItRunsDryAndSaysWhy() {
    try (Sandbox sandbox = Sandbox.create(cgroups.resolve("missing"), "x")) {
      assertThat(sandbox.dryRunReason())
          .hasValueSatisfying(r -> assertThat(r).contains("no cgroup v1 cpuset"));
      assertThat(sandbox.cpusetRoot()).isEmpty();
      assertThat(sandbox.joinCommands("kubepods")).isEmpty();
    }
  }
}
