package io.isocore.agent.cgroup;

import io.isocore.core.topology.HugepageSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Cgroup v2: one hierarchy; cpuset, cpu and hugetlb files sit side by side in each cgroup, present
 * only when the parent enables the controller in {@code cgroup.subtree_control}. An unset {@code
 * cpuset.cpus} reads "" and means "inherit the parent's"; isocore always writes a list.
 */
public final class CgroupV2Cpuset extends CpusetCgroupsBase {

  /**
   * Creates the adapter.
   *
   * @param root the unified hierarchy's mount point, such as {@code /sys/fs/cgroup}
   */
  public CgroupV2Cpuset(Path root) {
    super(root);
  }

  @Override
  public CgroupVersion version() {
    return CgroupVersion.V2;
  }

  @Override
  protected String effectiveCpusFile() {
    return "cpuset.cpus.effective";
  }

  @Override
  protected String effectiveMemsFile() {
    return "cpuset.mems.effective";
  }

  @Override
  public Path cpusetDir(String cgroup) {
    return cgroup.isEmpty() ? root : root.resolve(cgroup);
  }

  /**
   * Lists children only when {@code cgroup.stat} says there are descendants: most cgroups under
   * kubepods are containers without any, and one small read is much cheaper than listing a
   * directory of some forty interface files. Without a readable {@code cgroup.stat}, lists.
   */
  @Override
  public List<String> children(String cgroup) throws CgroupAccessException {
    String stat;
    try {
      stat = files.read(cpusetDir(cgroup).resolve("cgroup.stat"));
    } catch (CgroupAccessException e) {
      if (!e.vanished()) {
        throw e;
      }
      return super.children(cgroup); // no cgroup.stat: list (fails too if the cgroup is gone)
    }
    for (String line : stat.split("\n")) {
      if (line.equals("nr_descendants 0")) {
        return List.of();
      }
    }
    return super.children(cgroup);
  }

  @Override
  public OptionalLong cpuWeight(String cgroup) throws CgroupAccessException {
    return readOptionalLong(cpusetDir(cgroup).resolve("cpu.weight"));
  }

  @Override
  public long nativeWeight(int cpuWeight) {
    return cpuWeight;
  }

  @Override
  public void writeCpuWeight(String cgroup, long weight) throws CgroupAccessException {
    files.write(cpusetDir(cgroup).resolve("cpu.weight"), Long.toString(weight));
  }

  @Override
  public OptionalLong cpuQuotaMicros(String cgroup) throws CgroupAccessException {
    Path file = cpusetDir(cgroup).resolve("cpu.max");
    if (!Files.exists(file)) {
      return OptionalLong.empty();
    }
    String quota = files.read(file).strip().split("\\s+")[0];
    if (quota.equals("max")) {
      return OptionalLong.of(NO_QUOTA);
    }
    try {
      return OptionalLong.of(Long.parseLong(quota));
    } catch (NumberFormatException e) {
      throw new CgroupAccessException(
          "parsing", file, new IOException("'" + quota + "' is not a quota"));
    }
  }

  @Override
  public void writeCpuQuotaMicros(String cgroup, long micros) throws CgroupAccessException {
    // One field: cpu.max keeps its period.
    files.write(cpusetDir(cgroup).resolve("cpu.max"), micros < 0 ? "max" : Long.toString(micros));
  }

  @Override
  public OptionalLong hugetlbLimit(String cgroup, HugepageSize size) throws CgroupAccessException {
    return readOptionalLong(cpusetDir(cgroup).resolve("hugetlb." + size.cgroupName() + ".max"));
  }

  @Override
  public OptionalLong hugetlbUsage(String cgroup, HugepageSize size) throws CgroupAccessException {
    return readOptionalLong(cpusetDir(cgroup).resolve("hugetlb." + size.cgroupName() + ".current"));
  }

  @Override
  public void writeHugetlbLimit(String cgroup, HugepageSize size, long bytes)
      throws CgroupAccessException {
    files.write(
        cpusetDir(cgroup).resolve("hugetlb." + size.cgroupName() + ".max"), Long.toString(bytes));
  }

  @Override
  public PartitionSupport partitionSupport(String cgroup) {
    Path file = cpusetDir(cgroup).resolve("cpuset.cpus.partition");
    if (!Files.exists(file)) {
      return new PartitionSupport(
          false,
          "",
          file
              + " does not exist: the kernel predates cpuset partitions (5.11+, isolated since"
              + " 6.1) or the cpuset controller is not enabled for this cgroup");
    }
    try {
      String value = files.read(file);
      return new PartitionSupport(
          true, value, value.contains("invalid") ? "partition invalid: " + value : value);
    } catch (CgroupAccessException e) {
      return new PartitionSupport(false, "", e.getMessage());
    }
  }
}
