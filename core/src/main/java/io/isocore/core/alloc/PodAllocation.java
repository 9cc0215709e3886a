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
 * <p>The pod holds every physical core that any of its CPUs sits on, so a spare SMT sibling (see
 * {@link SmtPolicy#FULL_CORES}) or an idle sibling ({@link SmtPolicy#IDLE_SIBLINGS}) is never given
 * to another pod, though it appears in no container's CPU list.
 *
 * @param pod the pod
 * @param uid the pod's UID
 * @param nodeName the node
 * @param numaNode the NUMA node of the exclusive cores and hugepages (with SingleNodePreferred and
 *     a spill: the NUMA node holding most of them)
 * @param tenant the LatencyTenant charged, if any
 * @param containers what each container got, in the pod's order
 */
public record PodAllocation(
    PodKey pod,
    String uid,
    String nodeName,
    int numaNode,
    Optional<String> tenant,
    List<ContainerGrant> containers) {

  /** Copies the list and rejects nulls. */
  public PodAllocation {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(tenant, "tenant");
    containers = List.copyOf(containers);
  }

  /** Returns the exclusive CPUs of all containers. */
  public CpuSet cpus() {
    CpuSet all = CpuSet.empty();
    for (ContainerGrant container : containers) {
      all = all.union(container.cpus());
    }
    return all;
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
