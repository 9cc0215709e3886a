package io.isocore.agent.enforce;

import io.isocore.core.cpu.CpuSet;

/**
 * What was read back for one container.
 *
 * @param name the container name
 * @param cgroup its cgroup path
 * @param cpusEffective the effective CPUs
 * @param memsEffective the effective memory nodes
 * @param threads threads whose {@code Cpus_allowed_list} was read
 * @param threadsOffCpus threads allowed on CPUs outside {@code cpusEffective}
 */
public record ContainerCheck(
    String name,
    String cgroup,
    CpuSet cpusEffective,
    CpuSet memsEffective,
    int threads,
    int threadsOffCpus) {}
