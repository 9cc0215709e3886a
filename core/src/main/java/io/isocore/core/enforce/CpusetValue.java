package io.isocore.core.enforce;

import io.isocore.core.cpu.CpuSet;
import java.util.Objects;

/**
 * The two cpuset files of one cgroup that isocore manages.
 *
 * @param cpus {@code cpuset.cpus}
 * @param mems {@code cpuset.mems}, NUMA node ids
 */
public record CpusetValue(CpuSet cpus, CpuSet mems) {

  /** Validates that no component is null. */
  public CpusetValue {
    Objects.requireNonNull(cpus, "cpus");
    Objects.requireNonNull(mems, "mems");
  }

  /** Returns the value of {@code file}. */
  public CpuSet get(CpusetFile file) {
    return file == CpusetFile.CPUS ? cpus : mems;
  }

  /** Returns this value with {@code file} set to {@code value}. */
  public CpusetValue with(CpusetFile file, CpuSet value) {
    return file == CpusetFile.CPUS ? new CpusetValue(value, mems) : new CpusetValue(cpus, value);
  }

  /** Returns the file-wise union. */
  public CpusetValue union(CpusetValue other) {
    return new CpusetValue(cpus.union(other.cpus), mems.union(other.mems));
  }

  /** Returns whether both files of {@code other} are subsets of this value's. */
  public boolean containsAll(CpusetValue other) {
    return cpus.containsAll(other.cpus) && mems.containsAll(other.mems);
  }

  @Override
  public String toString() {
    return "cpus=" + cpus + " mems=" + mems;
  }
}
