package io.isocore.agent.cgroup;

import io.isocore.core.cpu.CpuSet;

/**
 * One thread's allowed CPUs, from {@code /proc/<pid>/task/<tid>/status}.
 *
 * @param pid the process
 * @param tid the thread
 * @param allowed {@code Cpus_allowed_list}
 */
public record ThreadAffinity(long pid, long tid, CpuSet allowed) {}
