package io.isocore.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.isocore.agent.testing.FakeCgroupTree;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.topology.HugepageSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpusetAdaptersTest {

  /** The cgroup directory of the test container "abc": its 64-hex runtime ID (cgroupfs). */
  private static final String ABC = FakeCgroupTree.hexId("abc");

  @TempDir Path dir;

  private FakeCgroupTree tree(CgroupVersion version) {
    return new FakeCgroupTree(
        dir,
        new FakeCgroupTree.Layout(version, CgroupDriver.CGROUPFS, "containerd"),
        CpuSet.parse("0-3"),
        CpuSet.parse("0"));
  }

  @Test
  void v1ReadsAndWritesThePerControllerHierarchies() throws Exception {
    FakeCgroupTree t = tree(CgroupVersion.V1);
    String c = t.addContainer("u1", QosClass.BURSTABLE, "abc", 1);
    CpusetCgroups v1 = t.adapter();

    v1.writeCpus(c, CpuSet.parse("1-2"));
    v1.writeMems(c, CpuSet.of(0));
    v1.writeCpuWeight(c, v1.nativeWeight(250));
    v1.writeHugetlbLimit(c, HugepageSize.ONE_GI, 1L << 30);

    Path root = t.cgroupRoot();
    assertThat(
            Files.readString(
                root.resolve("cpuset/kubepods/burstable/podu1/" + ABC + "/cpuset.cpus")))
        .isEqualTo("1-2");
    assertThat(
            Files.readString(root.resolve("cpu/kubepods/burstable/podu1/" + ABC + "/cpu.shares")))
        .isEqualTo("2560");
    assertThat(
            Files.readString(
                root.resolve(
                    "hugetlb/kubepods/burstable/podu1/" + ABC + "/hugetlb.1GB.limit_in_bytes")))
        .isEqualTo("1073741824");
    assertThat(v1.cpus(c)).isEqualTo(CpuSet.parse("1-2"));
    assertThat(v1.cpusEffective(c))
        .isEqualTo(CpuSet.parse("0-3")); // cpuset.effective_cpus, untouched
    assertThat(v1.cpuWeight(c)).hasValue(2560);
    assertThat(v1.hugetlbLimit(c, HugepageSize.ONE_GI)).hasValue(1L << 30);
    assertThat(v1.procs(c)).containsExactly(100_000L);
    assertThat(v1.writes()).isEqualTo(4);
  }

  @Test
  void v2ReadsAndWritesOneHierarchyAndMaxMeansUnlimited() throws Exception {
    FakeCgroupTree t = tree(CgroupVersion.V2);
    String c = t.addContainer("u1", QosClass.GUARANTEED, "abc", 1);
    CpusetCgroups v2 = t.adapter();

    assertThat(v2.hugetlbLimit(c, HugepageSize.TWO_MI)).hasValue(Long.MAX_VALUE);
    v2.writeCpuWeight(c, v2.nativeWeight(250));
    v2.writeHugetlbLimit(c, HugepageSize.TWO_MI, 8L << 20);

    Path cg = t.cgroupRoot().resolve("kubepods/podu1/" + ABC);
    assertThat(Files.readString(cg.resolve("cpu.weight"))).isEqualTo("250");
    assertThat(Files.readString(cg.resolve("hugetlb.2MB.max"))).isEqualTo("8388608");
    assertThat(v2.children("kubepods/podu1")).containsExactly("kubepods/podu1/" + ABC);
    assertThat(v2.children("kubepods"))
        .containsExactly("kubepods/besteffort", "kubepods/burstable", "kubepods/podu1");
  }

  @Test
  void v2ListsOnlyCgroupsWithDescendantsAndFallsBackWithoutCgroupStat() throws Exception {
    FakeCgroupTree t = tree(CgroupVersion.V2);
    String c = t.addContainer("u1", QosClass.GUARANTEED, "abc", 1);
    CpusetCgroups v2 = t.adapter();
    Files.createDirectory(v2.cpusetDir(c).resolve("hidden")); // not counted in cgroup.stat

    assertThat(t.read("kubepods/podu1", "cgroup.stat")).startsWith("nr_descendants 1\n");
    assertThat(t.read("", "cgroup.stat")).startsWith("nr_descendants 6\n");
    assertThat(v2.children(c)).isEmpty();

    Files.delete(v2.cpusetDir(c).resolve("cgroup.stat"));
    assertThat(v2.children(c)).containsExactly(c + "/hidden");
  }

  @Test
  void anUnsetV2CpusetReadsAsEmpty() throws Exception {
    FakeCgroupTree t = tree(CgroupVersion.V2);
    Files.writeString(t.cgroupRoot().resolve("kubepods/cpuset.cpus"), "\n");

    assertThat(t.adapter().cpus("kubepods")).isEqualTo(CpuSet.empty());
  }

  @Test
  void aWriteNeverCreatesAMissingCgroup() {
    FakeCgroupTree t = tree(CgroupVersion.V2);
    CpusetCgroups v2 = t.adapter();

    assertThatThrownBy(() -> v2.writeCpus("kubepods/podgone/abc", CpuSet.of(1)))
        .isInstanceOfSatisfying(CgroupAccessException.class, e -> assertThat(e.vanished()).isTrue())
        .hasMessageContaining("kubepods/podgone/abc/cpuset.cpus failed: no such file");
    assertThat(Files.exists(t.cgroupRoot().resolve("kubepods/podgone"))).isFalse();
  }

  @Test
  void aGarbledFileIsReportedWithItsPathAndContent() throws Exception {
    FakeCgroupTree t = tree(CgroupVersion.V1);
    Files.writeString(t.cgroupRoot().resolve("cpuset/kubepods/cpuset.cpus"), "zero\n");

    assertThatThrownBy(() -> t.adapter().cpus("kubepods"))
        .hasMessageContaining("cpuset/kubepods/cpuset.cpus failed: 'zero' is not a CPU list");
  }

  @Test
  void partitionSupportIsReportedPerVersion() throws Exception {
    CpusetCgroups v2 = tree(CgroupVersion.V2).adapter();
    assertThat(v2.partitionSupport("kubepods"))
        .isEqualTo(new PartitionSupport(true, "member", "member"));

    Files.delete(v2.cpusetDir("kubepods").resolve("cpuset.cpus.partition"));
    PartitionSupport missing = v2.partitionSupport("kubepods");
    assertThat(missing.available()).isFalse();
    assertThat(missing.detail()).contains("cpuset.cpus.partition does not exist");

    PartitionSupport v1 = new CgroupV1Cpuset(dir.resolve("other")).partitionSupport("kubepods");
    assertThat(v1.available()).isFalse();
    assertThat(v1.detail()).startsWith("cgroup v1 has no cpuset.cpus.partition");
  }

  @Test
  void hugepageSizesHaveTheKernelNames() {
    assertThat(HugepageSize.parse("2Mi")).contains(HugepageSize.TWO_MI);
    assertThat(
            List.of(
                HugepageSize.TWO_MI.cgroupName(),
                HugepageSize.ONE_GI.cgroupName(),
                HugepageSize.parseStrict("64Ki").cgroupName()))
        .containsExactly("2MB", "1GB", "64KB");
    assertThat(HugepageSize.ONE_GI.sysfsName()).isEqualTo("hugepages-1048576kB");
    assertThatThrownBy(() -> HugepageSize.parseStrict("2M"))
        .hasMessageContaining("'2M' is not <n>Ki|Mi|Gi");
  }
}
