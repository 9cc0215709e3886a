package io.isocore.core.enforce;

/** The cpuset files a plan writes, in the order a new cgroup needs them. */
public enum CpusetFile {
  /** {@code cpuset.cpus}. */
  CPUS,
  /** {@code cpuset.mems}. */
  MEMS
}
