package io.isocore.agent.cgroup;

/** The cgroup hierarchy a node uses for cpusets. */
public enum CgroupVersion {
  /** Legacy: one hierarchy per controller (cpuset/, cpu/, hugetlb/ under the cgroupfs root). */
  V1,
  /** Unified: one hierarchy, controllers enabled through cgroup.subtree_control. */
  V2
}
