package io.isocore.core.topology;

import io.isocore.core.cpu.CpuSet;

/**
 * A physical core: the CPUs that share its execution units (its SMT siblings).
 *
 * <p>The kernel's {@code core_id} is not unique across packages, and on some machines not even
 * within one (it repeats per die or per NUMA node), so a core is identified by its lowest CPU.
 *
 * @param id the lowest online CPU of the core: unique on the node
 * @param socket the package id
 * @param die the die id (0 where the kernel shows none)
 * @param numaNode the NUMA node of the core's CPUs
 * @param coreId the kernel's {@code core_id}, for display only
 * @param cpus the online SMT siblings, the core's own CPUs included
 * @param l3Group the id of the L3 cache group the core belongs to (see {@link CacheGroup}), or -1
 *     where the machine has no L3 cache
 */
public record Core(
    int id, int socket, int die, int numaNode, int coreId, CpuSet cpus, int l3Group) {}
