package io.isocore.agent.topology;

import io.isocore.core.cpu.CpuSet;

/**
 * What sysfs says about one online CPU, before CPUs are grouped into cores and caches.
 *
 * @param id the CPU id
 * @param packageId {@code physical_package_id} (0 where missing)
 * @param dieId {@code die_id} (0 where missing)
 * @param clusterId {@code cluster_id} (-1 where missing)
 * @param coreId {@code core_id} (the CPU id where missing)
 * @param threadSiblings {@code thread_siblings_list} or its mask, the CPU itself included
 * @param l3Cpus the CPUs sharing its L3 cache; empty without L3
 * @param l3Id the kernel's L3 cache {@code id}, or -1 where it shows none
 */
record CpuFacts(
    int id,
    int packageId,
    int dieId,
    int clusterId,
    int coreId,
    CpuSet threadSiblings,
    CpuSet l3Cpus,
    int l3Id) {}
