package io.isocore.agent.enforce;

import io.isocore.core.cpu.CpuSet;
import java.util.Map;

/**
 * The node facts enforcement needs.
 *
 * @param online online CPUs
 * @param memoryNodes NUMA nodes with memory ({@code /sys/devices/system/node/has_memory})
 * @param isolated isolated CPUs (the kernel's, or the profile's explicit list)
 * @param numaCpus CPUs of each NUMA node; may be empty when unknown
 */
public record NodeCpus(
    CpuSet online, CpuSet memoryNodes, CpuSet isolated, Map<Integer, CpuSet> numaCpus) {

  /** Copies the map. */
  public NodeCpus {
    numaCpus = Map.copyOf(numaCpus);
  }
}
