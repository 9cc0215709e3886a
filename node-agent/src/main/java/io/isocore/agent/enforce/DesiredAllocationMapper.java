package io.isocore.agent.enforce;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.isocore.agent.cgroup.HugepageSize;
import io.isocore.agent.cgroup.QosClass;
import io.isocore.api.v1alpha1.ContainerAllocation;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationSpec;
import io.isocore.api.v1alpha1.HugepageAllocation;
import io.isocore.api.v1alpha1.TicketTransfer;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.CpuWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/** Turns a CoreAllocation and its pod into what the enforcer needs. Pure. */
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
    return ca.getMetadata().getNamespace() + "/" + ca.getMetadata().getName();
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
    CoreAllocationSpec spec = ca.getSpec();
    if (spec == null || spec.containers() == null || spec.numaNode() == null) {
      return new Invalid("the spec has no containers or no numaNode");
    }
    if (pod.isPresent()) {
      Pod p = pod.get();
      if (!Objects.equals(p.getMetadata().getUid(), spec.podUid())) {
        return new Release(
            "pod "
                + spec.podName()
                + " now has UID "
                + p.getMetadata().getUid()
                + ", not "
                + spec.podUid()
                + ": the allocated pod is gone");
      }
      String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
      if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
        return new Release("pod " + spec.podName() + " finished (" + phase + ")");
      }
    }
    long received = 0;
    for (CoreAllocation other : nodeAllocations) {
      TicketTransfer t = other.getSpec() == null ? null : other.getSpec().ticketTransfer();
      if (t != null
          && other != ca
          && t.podName().equals(spec.podName())
          && t.namespace().equals(ca.getMetadata().getNamespace())) {
        received += t.tickets();
      }
    }
    long lent = spec.ticketTransfer() == null ? 0 : spec.ticketTransfer().tickets();
    OptionalInt tenantWeight = OptionalInt.empty();
    if (spec.tenant() != null) {
      OptionalLong tickets = tenantTickets.apply(spec.tenant());
      if (tickets.isPresent()) {
        tenantWeight =
            OptionalInt.of(
                CpuWeights.weightFromTickets(
                    CpuWeights.effectiveTickets(tickets.getAsLong(), lent, received)));
      }
    }
    List<DesiredContainer> containers = new ArrayList<>();
    try {
      for (ContainerAllocation c : spec.containers()) {
        boolean exclusive = c.cpuMode() == ContainerAllocation.CpuMode.Exclusive;
        OptionalInt weight =
            exclusive
                ? OptionalInt.empty()
                : c.cpuWeight() != null ? OptionalInt.of(c.cpuWeight()) : tenantWeight;
        List<HugepageRequest> hugepages = new ArrayList<>();
        if (c.hugepages() != null) {
          for (HugepageAllocation h : c.hugepages()) {
            hugepages.add(
                new HugepageRequest(HugepageSize.parse(h.size()), h.bytes(), h.numaNode()));
          }
        }
        containers.add(
            new DesiredContainer(
                c.name(),
                pod.flatMap(p -> containerId(p, c.name())),
                exclusive,
                exclusive ? CpuSet.parseNonEmpty(c.cpus()) : CpuSet.empty(),
                weight,
                hugepages));
      }
    } catch (IllegalArgumentException e) {
      return new Invalid(e.getMessage());
    }
    Optional<QosClass> qos =
        pod.map(Pod::getStatus).map(s -> s.getQosClass()).flatMap(QosClass::fromApi);
    long generation =
        ca.getMetadata().getGeneration() == null ? 0 : ca.getMetadata().getGeneration();
    return new Enforce(
        new DesiredAllocation(key(ca), generation, spec.podUid(), qos, spec.numaNode(), containers),
        pod.isPresent());
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
