package io.isocore.agent.cgroup;

import io.isocore.core.enforce.CpuWeights;
import io.isocore.core.topology.HugepageSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Cgroup v1: the cpuset, cpu and hugetlb controllers each have their own hierarchy under the
 * cgroupfs root ({@code cpuset/}, {@code cpu/} or {@code cpu,cpuacct/}, {@code hugetlb/}); the same
 * relative path names a cgroup in each. The effective lists are {@code cpuset.effective_cpus} and
 * {@code cpuset.effective_mems}. There is no {@code cpuset.cpus.partition} on v1.
 */
public final class CgroupV1Cpuset extends CpusetCgroupsBase {

  private final Path cpuset;
  private final Path cpu;
  private final Path hugetlb;

  /**
   * Creates the adapter.
   *
   * @param root the cgroupfs root holding one directory per controller, such as {@code
   *     /sys/fs/cgroup}
   */
  public CgroupV1Cpuset(Path root) {
    super(root);
    this.cpuset = root.resolve("cpuset");
    this.cpu =
        Files.isDirectory(root.resolve("cpu")) ? root.resolve("cpu") : root.resolve("cpu,cpuacct");
    this.hugetlb = root.resolve("hugetlb");
  }

  @Override
  public CgroupVersion version() {
    return CgroupVersion.V1;
  }

  @Override
  protected String effectiveCpusFile() {
    return "cpuset.effective_cpus";
  }

  @Override
  protected String effectiveMemsFile() {
    return "cpuset.effective_mems";
  }

  @Override
  public Path cpusetDir(String cgroup) {
    return cgroup.isEmpty() ? cpuset : cpuset.resolve(cgroup);
  }

  @Override
  public OptionalLong cpuWeight(String cgroup) throws CgroupAccessException {
    return readOptionalLong(cpu.resolve(cgroup).resolve("cpu.shares"));
  }

  @Override
  public long nativeWeight(int cpuWeight) {
    return CpuWeights.sharesFromWeight(cpuWeight);
  }

  @Override
  public void writeCpuWeight(String cgroup, long shares) throws CgroupAccessException {
    files.write(cpu.resolve(cgroup).resolve("cpu.shares"), Long.toString(shares));
  }

  @Override
  public OptionalLong cpuQuotaMicros(String cgroup) throws CgroupAccessException {
    return readOptionalLong(cpu.resolve(cgroup).resolve("cpu.cfs_quota_us"));
  }

  @Override
  public void writeCpuQuotaMicros(String cgroup, long micros) throws CgroupAccessException {
    files.write(
        cpu.resolve(cgroup).resolve("cpu.cfs_quota_us"),
        Long.toString(micros < 0 ? NO_QUOTA : micros));
  }

  @Override
  public OptionalLong hugetlbLimit(String cgroup, HugepageSize size) throws CgroupAccessException {
    return readOptionalLong(
        hugetlb.resolve(cgroup).resolve("hugetlb." + size.cgroupName() + ".limit_in_bytes"));
  }

  @Override
  public OptionalLong hugetlbUsage(String cgroup, HugepageSize size) throws CgroupAccessException {
    return readOptionalLong(
        hugetlb.resolve(cgroup).resolve("hugetlb." + size.cgroupName() + ".usage_in_bytes"));
  }

  @Override
  public void writeHugetlbLimit(String cgroup, HugepageSize size, long bytes)
      throws CgroupAccessException {
    files.write(
        hugetlb.resolve(cgroup).resolve("hugetlb." + size.cgroupName() + ".limit_in_bytes"),
        Long.toString(bytes));
  }

  @Override
  public PartitionSupport partitionSupport(String cgroup) {
    return new PartitionSupport(
        false,
        "",
        "cgroup v1 has no cpuset.cpus.partition: exclusive CPUs stay in scheduler load balancing"
            + " unless the kernel isolates them (isolcpus) or the node moves to cgroup v2");
  }
}
