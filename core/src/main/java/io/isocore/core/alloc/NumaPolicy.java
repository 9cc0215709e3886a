package io.isocore.core.alloc;

/** Whether a pod's exclusive cores and hugepages must come from one NUMA node. */
public enum NumaPolicy {
  /** One NUMA node for the whole pod, or the pod is not placed on the node. */
  SINGLE_NODE_REQUIRED,
  /**
   * One NUMA node where one fits; otherwise each container on one NUMA node where possible, and a
   * container's cores spread over as few NUMA nodes as possible.
   */
  SINGLE_NODE_PREFERRED
}
