package io.isocore.mapping.allocation;

import io.isocore.api.v1alpha1.TicketTransfer;
import io.isocore.core.alloc.PodAllocation;
import io.isocore.core.cpu.CpuSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A CoreAllocation read once into core's terms, with what the allocator does not model.
 *
 * @param key {@code namespace/name} of the CoreAllocation
 * @param generation its {@code metadata.generation} (0 when unset)
 * @param allocation the cores and hugepages of the pod
 * @param cpuWeights the explicit {@code cpuWeight} of shared containers, by container name
 * @param ticketTransfer the pod this one lends its tickets to, if any
 */
public record AllocationSpec(
    String key,
    long generation,
    PodAllocation allocation,
    Map<String, Integer> cpuWeights,
    Optional<TicketTransfer> ticketTransfer) {

  /** Copies the map. */
  public AllocationSpec {
    cpuWeights = Map.copyOf(cpuWeights);
  }

  /** The namespace of the pod (and of the CoreAllocation). */
  public String namespace() {
    return allocation.pod().namespace();
  }

  /** The pod's name. */
  public String podName() {
    return allocation.pod().name();
  }

  /** The exclusive CPUs of every container. */
  public CpuSet exclusiveCpus() {
    return allocation.cpus();
  }

  /** The explicit CFS weight of a shared container, if the spec sets one. */
  public OptionalInt cpuWeight(String container) {
    Integer weight = cpuWeights.get(container);
    return weight == null ? OptionalInt.empty() : OptionalInt.of(weight);
  }

  /** Whether this allocation lends its tickets to the given pod. */
  public boolean lendsTo(String namespace, String podName) {
    return ticketTransfer
        .filter(t -> namespace.equals(t.namespace()) && podName.equals(t.podName()))
        .isPresent();
  }
}
