package io.isocore.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.core.cpu.CpuSet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding a thread's cpuset cgroup under the hierarchy enforcement uses, on fixture trees. */
class ThreadCgroupTest {

  @TempDir Path tmp;

  @Test
  void v1PathUnderASandboxPrefixIsFoundByItsMembers() throws Exception {
    Path cpuset = Files.createDirectories(tmp.resolve("cpuset"));
    Path home = Files.createDirectories(cpuset.resolve("kubepods/pod1/abc"));
    Files.writeString(home.resolve("tasks"), "7\n8\n");
    Files.writeString(home.resolve("cpuset.effective_cpus"), "0\n");
    String proc = "3:cpu,cpuacct:/sb/kubepods/pod1/abc\n2:cpuset:/sb/kubepods/pod1/abc\n";

    assertThat(ThreadCgroup.locate(new CgroupHierarchy(CgroupVersion.V1, cpuset), proc, 8))
        .contains(new ThreadCgroup(home, CpuSet.of(0)));
    // Another thread id is not a member: not this cgroup.
    assertThat(ThreadCgroup.locate(new CgroupHierarchy(CgroupVersion.V1, cpuset), proc, 9))
        .isEmpty();
  }

  @Test
  void aThreadOutsideTheHierarchyIsNotFound() throws Exception {
    Path cpuset = Files.createDirectories(tmp.resolve("cpuset"));
    Files.writeString(cpuset.resolve("tasks"), "1\n");
    assertThat(
            ThreadCgroup.locate(
                new CgroupHierarchy(CgroupVersion.V1, cpuset), "2:cpuset:/user.slice\n", 5))
        .isEmpty();
  }

  @Test
  void v2UnifiedLine() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("unified"));
    Path home = Files.createDirectories(root.resolve("kubepods.slice/cri-containerd-abc.scope"));
    Files.writeString(home.resolve("cgroup.threads"), "42\n");
    Files.writeString(home.resolve("cpuset.cpus.effective"), "0-3\n");
    assertThat(
            ThreadCgroup.locate(
                new CgroupHierarchy(CgroupVersion.V2, root),
                "0::/kubepods.slice/cri-containerd-abc.scope\n",
                42))
        .contains(new ThreadCgroup(home, CpuSet.range(0, 3)));
  }
}
