package io.isocore.agent.pin;

import io.isocore.agent.enforce.DesiredAllocation;
import io.isocore.agent.enforce.DesiredContainer;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.CpuPools;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the start hook gives each container, decided with the enforcer's own pools. Pure.
 *
 * <ul>
 *   <li>an exclusive container of an accepted allocation: its exclusive CPUs (a pin, by pod UID and
 *       container name);
 *   <li>every other container, pod sandboxes included: the shared pool;
 *   <li>an allocation that is not accepted (its CPUs are not among the pass's exclusive CPUs: a
 *       rejected grant) gets no pin, so the hook refuses to start its exclusive containers rather
 *       than start them on CPUs that are not theirs.
 * </ul>
 *
 * The hot-thread container's cpuset (its exclusive CPUs plus the shared pool) is the hook's union
 * of its pin and the shared file, so its pin is its exclusive CPUs like any other.
 *
 * @param shared the shared pool
 * @param pods exclusive CPUs by pod UID, then container name
 */
public record StartPins(CpuSet shared, Map<String, Map<String, CpuSet>> pods) {

  /** Copies the maps, sorted. */
  public StartPins {
    Map<String, Map<String, CpuSet>> copy = new TreeMap<>();
    pods.forEach((uid, containers) -> copy.put(uid, Map.copyOf(new TreeMap<>(containers))));
    pods = Map.copyOf(copy);
  }

  /**
   * Decides the pins of a pass.
   *
   * @param allocations the pass's allocations (claims already settled: none overlaps another)
   * @param pools the pass's pools; {@code exclusive} holds every accepted allocation's CPUs
   */
  public static StartPins decide(List<DesiredAllocation> allocations, CpuPools pools) {
    Map<String, Map<String, CpuSet>> pods = new TreeMap<>();
    for (DesiredAllocation a : allocations) {
      CpuSet cpus = a.exclusiveCpus();
      if (cpus.isEmpty() || !pools.exclusive().containsAll(cpus)) {
        continue;
      }
      Map<String, CpuSet> containers = new TreeMap<>();
      for (DesiredContainer c : a.containers()) {
        if (c.exclusive()) {
          containers.put(c.name(), c.cpus());
        }
      }
      pods.put(a.podUid(), containers);
    }
    return new StartPins(pools.shared(), pods);
  }
}
