package io.isocore.agent.enforce;

import io.isocore.agent.enforce.AllocationVerifier.Located;
import io.isocore.core.enforce.CgroupTree;
import io.isocore.core.enforce.CpuPools;
import io.isocore.core.enforce.GrantCheck;
import java.util.List;
import java.util.Map;

/**
 * What the observe step of one enforcement pass found: the grant check, the pools, the kubepods
 * cpuset tree as read, and each allocation's containers whose cgroups exist (and those missing).
 *
 * @param grants accepted and rejected exclusive grants
 * @param pools the CPU pools of the pass
 * @param kubepods the kubepods cgroup
 * @param tree the kubepods cpuset tree as read
 * @param located each allocation's containers whose cgroups exist, by allocation key
 * @param missing each allocation's containers without a cgroup yet, by allocation key
 */
record PassObservation(
    GrantCheck grants,
    CpuPools pools,
    String kubepods,
    CgroupTree tree,
    Map<String, List<Located>> located,
    Map<String, List<String>> missing) {}
