package io.isocore.agent.enforce;

import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationStatus;
import java.util.List;
import java.util.Map;

/**
 * What the decode step of a pass made of this node's CoreAllocations.
 *
 * @param allocations every CoreAllocation of the node, oldest first
 * @param desired the ones to enforce, decoded
 * @param next statuses already decided (released or invalid allocations); the pass adds the rest
 * @param podSeen whether each enforced allocation's pod is on this node yet, by key
 * @param byKey the decoded allocations by key
 */
record DecodedPass(
    List<CoreAllocation> allocations,
    List<DesiredAllocation> desired,
    Map<String, CoreAllocationStatus> next,
    Map<String, Boolean> podSeen,
    Map<String, DesiredAllocation> byKey) {}
