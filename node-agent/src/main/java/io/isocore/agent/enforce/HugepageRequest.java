package io.isocore.agent.enforce;

import io.isocore.core.topology.HugepageSize;

/**
 * Hugepages one container needs.
 *
 * @param size the page size
 * @param bytes the bytes, a multiple of the page size
 * @param numaNode the NUMA node serving them
 */
public record HugepageRequest(HugepageSize size, long bytes, int numaNode) {}
