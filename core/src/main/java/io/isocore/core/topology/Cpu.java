package io.isocore.core.topology;

/**
 * An online logical CPU and where it sits.
 *
 * @param id the kernel's CPU id
 * @param core the {@link Core#id()} of its physical core
 * @param socket the package id
 * @param die the die id (0 where the kernel shows none)
 * @param cluster the cluster id (ARM; -1 where the kernel shows none)
 * @param numaNode the NUMA node id
 * @param l3Group the L3 cache group id, or -1
 */
public record Cpu(int id, int core, int socket, int die, int cluster, int numaNode, int l3Group) {}
