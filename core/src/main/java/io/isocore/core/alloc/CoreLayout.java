package io.isocore.core.alloc;

import io.isocore.core.topology.Core;
import java.util.Arrays;
import java.util.List;

/**
 * What the allocator derives from a node's core list alone: index arrays by core and by CPU. Shared
 * by every node with the same core list (a homogeneous fleet has a handful), so per-node heap stays
 * small.
 */
final class CoreLayout {

  final Core[] cores;
  final int[] coreOfCpu;
  final int[] coreNumaIndex;
  final int[] coreL3;
  final int[] numaIds;
  final int threadsPerCore;

  CoreLayout(List<Core> list) {
    cores = list.toArray(new Core[0]);
    int maxCpu = -1;
    for (Core core : cores) {
      maxCpu = Math.max(maxCpu, core.cpus().last());
    }
    coreOfCpu = new int[maxCpu + 1];
    Arrays.fill(coreOfCpu, -1);
    coreNumaIndex = new int[cores.length];
    coreL3 = new int[cores.length];
    numaIds = Arrays.stream(cores).mapToInt(Core::numaNode).distinct().sorted().toArray();
    int threads = 1;
    for (int c = 0; c < cores.length; c++) {
      Core core = cores[c];
      int index = c;
      core.cpus().forEach(cpu -> coreOfCpu[cpu] = index);
      threads = Math.max(threads, core.cpus().size());
      coreNumaIndex[c] = Arrays.binarySearch(numaIds, core.numaNode());
      coreL3[c] = core.l3Group();
    }
    threadsPerCore = threads;
  }
}
