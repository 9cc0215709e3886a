package io.isocore.core.alloc;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.pod.PodKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cores and hugepages one pod holds on one node: a placement decision, or one rebuilt from a
 * CoreAllocation.
 *
 * <p>The pod holds every physical core that any of its CPUs sits on. The siblings of those cores
 * that no container runs on (the spare sibling of an odd count under {@link SmtPolicy#FULL_CORES},
 * every other sibling under {@link SmtPolicy#IDLE_SIBLINGS}) are recorded in {@link #idleCpus}:
 * held idle by the pod, never in the shared pool, never probed, never given to another pod.
 *
 * @param pod the pod
 * @param uid the pod's UID
 * @param nodeName the node
 * @param numaNode the NUMA node of the exclusive cores and hugepages (with SingleNodePreferred and
 *     a spill: the NUMA node holding most of them)
 * @param tenant the LatencyTenant charged, if any
 * @param containers what each container got, in the pod's order
 * @param idleCpus the siblings the pod holds idle: CPUs of its cores in no container's list
 * @param memoryBytes the memory counted against {@code numaNode} (the pod's memory request when it
 *     has exclusive CPUs; 0 otherwise, or when unknown)
 */
public record PodAllocation(
    PodKey pod,
    String uid,
    String nodeName,
    int numaNode,
    Optional<String> tenant,
    List<ContainerGrant> containers,
    CpuSet idleCpus,
    long memoryBytes) {

  /**
   * Copies the list and rejects nulls.
   *
   * @throws IllegalArgumentException when an idle CPU is also a container's, or memory is negative
   */
  public PodAllocation {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(idleCpus, "idleCpus");
    containers = List.copyOf(containers);
    if (memoryBytes < 0) {
      throw new IllegalArgumentException("pod " + pod + ": negative memory " + memoryBytes);
    }
    CpuSet running = CpuSet.empty();
    for (ContainerGrant container : containers) {
      running = running.union(container.cpus());
    }
    if (idleCpus.intersects(running)) {
      throw new IllegalArgumentException(
          "pod "
              + pod
              + ": idle CPUs "
              + idleCpus.intersection(running)
              + " are also given to a container");
    }
  }

  /** An allocation holding no idle sibling. */
  public PodAllocation(
      PodKey pod,
      String uid,
      String nodeName,
      int numaNode,
      Optional<String> tenant,
      List<ContainerGrant> containers) {
    this(pod, uid, nodeName, numaNode, tenant, containers, CpuSet.empty(), 0);
  }

  /** An allocation counting no memory. */
  public PodAllocation(
      PodKey pod,
      String uid,
      String nodeName,
      int numaNode,
      Optional<String> tenant,
      List<ContainerGrant> containers,
      CpuSet idleCpus) {
    this(pod, uid, nodeName, numaNode, tenant, containers, idleCpus, 0);
  }

  /** Returns the exclusive CPUs of all containers. */
  public CpuSet cpus() {
    CpuSet all = CpuSet.empty();
    for (ContainerGrant container : containers) {
      all = all.union(container.cpus());
    }
    return all;
  }

  /**
   * Returns every CPU the pod takes out of circulation: its containers' CPUs and its idle siblings.
   */
  public CpuSet heldCpus() {
    return cpus().union(idleCpus);
  }

  /** Returns the hugepage grants of all containers. */
  public List<HugepageGrant> hugepages() {
    return containers.stream().flatMap(c -> c.hugepages().stream()).toList();
  }

  /** Returns the grant of the named container, if the pod has it. */
  public Optional<ContainerGrant> container(String name) {
    return containers.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
