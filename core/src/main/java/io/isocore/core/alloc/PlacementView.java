package io.isocore.core.alloc;

import io.isocore.core.pod.PodKey;
import java.util.NavigableSet;
import java.util.Optional;

/**
 * What the planner reads of the allocation state: the free-core index and the nodes. {@link
 * AllocationState} implements it, so that the planner depends on this view and the state on the
 * planner, never both ways.
 */
interface PlacementView {

  /** The pod's allocation, if it holds one. */
  Optional<PodAllocation> allocation(PodKey pod);

  /** Every node name. */
  NavigableSet<String> nodeNames();

  /** Best or worst fit. */
  FitStrategy fit();

  /** Free cores per (node, NUMA node) slot. */
  FreeCoreIndex index();

  /** A node's state, or null. */
  NodeState nodeState(String name);

  /** Nodes with the SingleNodePreferred policy, which may spill across NUMA nodes. */
  NavigableSet<String> preferredNodes();

  /** The most threads per core of any node. */
  int maxThreadsPerCore();
}
