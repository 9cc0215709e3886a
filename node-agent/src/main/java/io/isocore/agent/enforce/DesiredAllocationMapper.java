package io.isocore.agent.enforce;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.isocore.agent.cgroup.QosClass;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.TicketTransfer;
import io.isocore.core.alloc.ContainerGrant;
import io.isocore.core.enforce.CpuWeights;
import io.isocore.core.topology.HugepageSize;
import io.isocore.mapping.InvalidResourceException;
import io.isocore.mapping.allocation.AllocationSpec;
import io.isocore.mapping.allocation.CoreAllocations;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Turns a CoreAllocation and its pod into what the enforcer needs. Pure. The resource is read by
 * {@link CoreAllocations#decode} (every rule of the API); what is added here is the agent's own:
 * the pod on this node (replaced or finished releases the allocation), container IDs and the CFS
 * weights from tickets.
 */
public final class DesiredAllocationMapper {

  private DesiredAllocationMapper() {}

  /** The mapping's outcome. */
  public sealed interface Mapped {}

  /**
   * To enforce.
   *
   * @param allocation the enforcer's view
   * @param podSeen whether the pod is on this node yet
   */
  public record Enforce(DesiredAllocation allocation, boolean podSeen) implements Mapped {}

  /**
   * The pod is gone or finished.
   *
   * @param reason what happened to the pod
   */
  public record Release(String reason) implements Mapped {}

  /**
   * The spec cannot be enforced.
   *
   * @param reason why
   */
  public record Invalid(String reason) implements Mapped {}

  /** Returns {@code namespace/name}. */
  public static String key(CoreAllocation ca) {
    return CoreAllocations.key(ca);
  }

  /**
   * Maps one allocation.
   *
   * @param ca the allocation
   * @param pod its pod, if seen on this node
   * @param nodeAllocations every allocation of the node, for ticket transfers received
   * @param tenantTickets a tenant's effective tickets by name
   */
  public static Mapped map(
      CoreAllocation ca,
      Optional<Pod> pod,
      List<CoreAllocation> nodeAllocations,
      Function<String, OptionalLong> tenantTickets) {
    AllocationSpec spec;
    try {
      spec = CoreAllocations.decode(ca);
    } catch (InvalidResourceException e) {
      return new Invalid(e.getMessage());
    }
    Optional<Release> released = released(spec, pod);
    if (released.isPresent()) {
      return released.get();
    }
    Optional<PodShare> share =
        tickets(ca, spec, nodeAllocations, tenantTickets)
            .map(t -> new PodShare(pod.map(PodCpuRequest::milli).orElse(0L), t[0], t[1], t[2]));
    OptionalInt tenantWeight =
        share.isEmpty()
            ? OptionalInt.empty()
            : OptionalInt.of(CpuWeights.weightFromTickets(share.get().tickets()));
    List<DesiredContainer> containers = new ArrayList<>();
    for (ContainerGrant c : spec.allocation().containers()) {
      OptionalInt weight =
          c.exclusive()
              ? OptionalInt.empty()
              : spec.cpuWeight(c.name()).isPresent() ? spec.cpuWeight(c.name()) : tenantWeight;
      List<HugepageRequest> hugepages =
          c.hugepages().stream()
              .map(
                  h ->
                      new HugepageRequest(
                          new HugepageSize(h.pageSizeBytes()), h.bytes(), h.numaNode()))
              .toList();
      containers.add(
          new DesiredContainer(
              c.name(),
              pod.flatMap(p -> containerId(p, c.name())),
              c.exclusive(),
              c.cpus(),
              weight,
              hugepages));
    }
    Optional<QosClass> qos =
        pod.map(Pod::getStatus).map(s -> s.getQosClass()).flatMap(QosClass::fromApi);
    return new Enforce(
        new DesiredAllocation(
            spec.key(),
            spec.generation(),
            spec.allocation().uid(),
            qos,
            spec.allocation().numaNode(),
            containers,
            pod.isPresent() ? share : Optional.empty(),
            spec.allocation().idleCpus()),
        pod.isPresent());
  }

  /** The pod of this node under the allocation's name was replaced or finished. */
  private static Optional<Release> released(AllocationSpec spec, Optional<Pod> pod) {
    if (pod.isEmpty()) {
      return Optional.empty();
    }
    Pod p = pod.get();
    String uid = spec.allocation().uid();
    if (!Objects.equals(p.getMetadata().getUid(), uid)) {
      return Optional.of(
          new Release(
              "pod "
                  + spec.podName()
                  + " now has UID "
                  + p.getMetadata().getUid()
                  + ", not "
                  + uid
                  + ": the allocated pod is gone"));
    }
    String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
    if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
      return Optional.of(new Release("pod " + spec.podName() + " finished (" + phase + ")"));
    }
    return Optional.empty();
  }

  /**
   * The pod's tickets from its tenant's, minus those lent, plus those received: {@code {effective,
   * lent, received}}; empty without a tenant or its tickets.
   */
  private static Optional<long[]> tickets(
      CoreAllocation ca,
      AllocationSpec spec,
      List<CoreAllocation> nodeAllocations,
      Function<String, OptionalLong> tenantTickets) {
    Optional<String> tenant = spec.allocation().tenant();
    if (tenant.isEmpty()) {
      return Optional.empty();
    }
    OptionalLong tickets = tenantTickets.apply(tenant.get());
    if (tickets.isEmpty()) {
      return Optional.empty();
    }
    long received = 0;
    for (CoreAllocation other : nodeAllocations) {
      TicketTransfer t = other.getSpec() == null ? null : other.getSpec().ticketTransfer();
      if (t != null
          && other != ca
          && spec.podName().equals(t.podName())
          && spec.namespace().equals(t.namespace())
          && t.tickets() != null) {
        // A lender cannot give more than its tenant holds; one without known tickets gives none.
        received += Math.min(t.tickets(), lenderTickets(other, tenantTickets));
      }
    }
    // Tickets lent to a pod with no allocation on this node go nowhere: the lender keeps them.
    long lent =
        spec.ticketTransfer()
            .filter(t -> onNode(t, nodeAllocations))
            .map(t -> Math.min(t.tickets(), tickets.getAsLong()))
            .orElse(0L);
    return Optional.of(
        new long[] {
          CpuWeights.effectiveTickets(tickets.getAsLong(), lent, received), lent, received
        });
  }

  private static long lenderTickets(
      CoreAllocation lender, Function<String, OptionalLong> tenantTickets) {
    String tenant = lender.getSpec().tenant();
    return tenant == null ? 0 : tenantTickets.apply(tenant).orElse(0);
  }

  private static boolean onNode(TicketTransfer t, List<CoreAllocation> nodeAllocations) {
    return nodeAllocations.stream()
        .anyMatch(
            a ->
                a.getSpec() != null
                    && Objects.equals(t.podName(), a.getSpec().podName())
                    && Objects.equals(t.namespace(), a.getMetadata().getNamespace()));
  }

  private static Optional<String> containerId(Pod pod, String name) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
      if (name.equals(s.getName()) && s.getContainerID() != null && !s.getContainerID().isBlank()) {
        return Optional.of(s.getContainerID());
      }
    }
    return Optional.empty();
  }
}
