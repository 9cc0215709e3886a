package io.isocore.agent.cgroup;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.topology.HugepageSize;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The cgroup files isocore reads and writes, for one cgroup version. Cgroups are named by their
 * path relative to the hierarchy root ({@code kubepods.slice/kubepods-pod1.slice}); each
 * implementation maps that to its files under a root {@code Path} so tests run on fixture trees.
 */
public interface CpusetCgroups {

  /** Returns which cgroup version this adapter speaks. */
  CgroupVersion version();

  /** Returns the cgroupfs root (such as {@code /sys/fs/cgroup}). */
  Path root();

  /** Returns the directory of {@code cgroup} in the cpuset hierarchy. */
  Path cpusetDir(String cgroup);

  /** Returns whether {@code cgroup} exists in the cpuset hierarchy. */
  boolean exists(String cgroup);

  /** Returns the child cgroups of {@code cgroup}, as paths relative to the root, sorted. */
  List<String> children(String cgroup) throws CgroupAccessException;

  /** Returns {@code cpuset.cpus}; on v2 "" (inherit) reads as the empty set. */
  CpuSet cpus(String cgroup) throws CgroupAccessException;

  /** Returns {@code cpuset.mems}. */
  CpuSet mems(String cgroup) throws CgroupAccessException;

  /** Returns the CPUs the kernel lets the cgroup use ({@code cpuset.cpus.effective}). */
  CpuSet cpusEffective(String cgroup) throws CgroupAccessException;

  /** Returns the memory nodes the kernel lets the cgroup use ({@code cpuset.mems.effective}). */
  CpuSet memsEffective(String cgroup) throws CgroupAccessException;

  /** Writes {@code cpuset.cpus}. */
  void writeCpus(String cgroup, CpuSet cpus) throws CgroupAccessException;

  /** Writes {@code cpuset.mems}. */
  void writeMems(String cgroup, CpuSet mems) throws CgroupAccessException;

  /**
   * Returns the CPU weight file's value in this version's unit ({@code cpu.weight} on v2, {@code
   * cpu.shares} on v1), or empty when the cpu controller is not there for the cgroup.
   */
  OptionalLong cpuWeight(String cgroup) throws CgroupAccessException;

  /** Converts a v2 {@code cpu.weight} (1..10000) into this version's unit. */
  long nativeWeight(int cpuWeight);

  /** Writes the CPU weight, in this version's unit. */
  void writeCpuWeight(String cgroup, long nativeWeight) throws CgroupAccessException;

  /** The CFS bandwidth quota of an unlimited cgroup: v1's {@code -1}, v2's {@code max}. */
  long NO_QUOTA = -1;

  /**
   * Returns the CFS bandwidth quota in microseconds per period ({@code cpu.cfs_quota_us} on v1, the
   * first field of {@code cpu.max} on v2; {@link #NO_QUOTA} when unlimited), or empty when the cpu
   * controller is not there for the cgroup.
   */
  OptionalLong cpuQuotaMicros(String cgroup) throws CgroupAccessException;

  /** Writes the CFS bandwidth quota ({@link #NO_QUOTA}: unlimited); the period is left alone. */
  void writeCpuQuotaMicros(String cgroup, long micros) throws CgroupAccessException;

  /** Returns the hugetlb limit in bytes ({@code max} reads as {@link Long#MAX_VALUE}). */
  OptionalLong hugetlbLimit(String cgroup, HugepageSize size) throws CgroupAccessException;

  /** Returns the hugetlb usage in bytes. */
  OptionalLong hugetlbUsage(String cgroup, HugepageSize size) throws CgroupAccessException;

  /** Writes the hugetlb limit in bytes. */
  void writeHugetlbLimit(String cgroup, HugepageSize size, long bytes) throws CgroupAccessException;

  /** Returns the process ids in the cgroup ({@code cgroup.procs}). */
  List<Long> procs(String cgroup) throws CgroupAccessException;

  /** Moves process {@code pid} into {@code cgroup} (used by the sandbox test and tooling). */
  void attach(String cgroup, long pid) throws CgroupAccessException;

  /** Reports whether {@code cpuset.cpus.partition} is offered for {@code cgroup}. */
  PartitionSupport partitionSupport(String cgroup);

  /** Returns how many writes this adapter attempted since it was created. */
  long writes();
}
