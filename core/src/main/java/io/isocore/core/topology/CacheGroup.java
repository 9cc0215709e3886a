package io.isocore.core.topology;

import io.isocore.core.cpu.CpuSet;

/**
 * CPUs that share one cache instance: the L3 (uncore, last-level) groups matter for placement,
 * since cores of one latency pod should share their L3 and noisy pods should not.
 *
 * @param level the cache level (3 for L3)
 * @param id the kernel's cache {@code id}, or a dense index where the kernel shows none
 * @param cpus the online CPUs sharing the cache
 */
public record CacheGroup(int level, int id, CpuSet cpus) {}
