package io.isocore.mapping.allocation;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.isocore.api.v1alpha1.ContainerAllocation;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationSpec;
import io.isocore.api.v1alpha1.HugepageAllocation;
import io.isocore.api.v1alpha1.TicketTransfer;
import io.isocore.core.alloc.ContainerGrant;
import io.isocore.core.alloc.HugepageGrant;
import io.isocore.core.alloc.PodAllocation;
import io.isocore.core.cpu.CpuListFormatException;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.pod.PodKey;
import io.isocore.core.topology.HugepageSize;
import io.isocore.mapping.InvalidResourceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one translation between the allocator's {@link PodAllocation} and the CoreAllocation
 * resource: one per pod, same namespace and name, owned (controller) by the pod so that garbage
 * collection follows it. The operator writes with {@link #toResource}; the operator's restart
 * recovery, the agent, the quickstart and the CLIs read with {@link #decode}.
 */
public final class CoreAllocations {

  /** The label carrying the node, for a label selector where field selectors are not served. */
  public static final String NODE_LABEL = "isocore.io/node";

  private CoreAllocations() {}

  /**
   * The resource for a placement.
   *
   * @param allocation the placement; its UID is the pod's (owner reference and {@code spec.podUid})
   * @param transfer the pod that receives this pod's tickets, if any
   */
  public static CoreAllocation toResource(
      PodAllocation allocation, Optional<TicketTransfer> transfer) {
    CoreAllocation resource = new CoreAllocation();
    resource.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(allocation.pod().namespace())
            .withName(allocation.pod().name())
            .addToLabels(NODE_LABEL, allocation.nodeName())
            .addToOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion("v1")
                    .withKind("Pod")
                    .withName(allocation.pod().name())
                    .withUid(allocation.uid())
                    .withController(true)
                    .withBlockOwnerDeletion(true)
                    .build())
            .build());
    resource.setSpec(
        new CoreAllocationSpec(
            allocation.pod().name(),
            allocation.uid(),
            allocation.nodeName(),
            allocation.numaNode(),
            allocation.tenant().orElse(null),
            allocation.containers().stream().map(CoreAllocations::container).toList(),
            transfer.orElse(null),
            allocation.idleCpus().toListString(),
            allocation.memoryBytes() > 0 ? allocation.memoryBytes() : null));
    return resource;
  }

  private static ContainerAllocation container(ContainerGrant grant) {
    List<HugepageAllocation> hugepages =
        grant.hugepages().stream()
            .map(h -> new HugepageAllocation(h.sizeName(), h.bytes(), h.numaNode()))
            .toList();
    return new ContainerAllocation(
        grant.name(),
        grant.exclusive()
            ? ContainerAllocation.CpuMode.Exclusive
            : ContainerAllocation.CpuMode.Shared,
        grant.exclusive() ? grant.cpus().toListString() : null,
        null,
        hugepages.isEmpty() ? null : hugepages);
  }

  /** {@code namespace/name} of the resource. */
  public static String key(CoreAllocation resource) {
    return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }

  /**
   * Reads a CoreAllocation. Every rule a reader needs is here, checked again at run time (an old
   * CRD may have let through what the current schema rejects): required fields, CPU lists,
   * exclusive containers with CPUs and shared ones without, no CPU given to two containers, idle
   * CPUs a valid list that no container has (absent: none, as written before the field existed),
   * memory not negative (absent: none counted), hugepage sizes, weights in the kernel's range.
   *
   * @throws InvalidResourceException naming the resource and the field
   */
  public static AllocationSpec decode(CoreAllocation resource) {
    String where = "CoreAllocation " + key(resource);
    CoreAllocationSpec spec = resource.getSpec();
    if (spec == null) {
      throw InvalidResourceException.field(where, "spec", "is missing");
    }
    require(where, "spec.podName", spec.podName());
    require(where, "spec.podUid", spec.podUid());
    require(where, "spec.nodeName", spec.nodeName());
    require(where, "spec.numaNode", spec.numaNode());
    if (spec.numaNode() < 0) {
      throw InvalidResourceException.field(
          where, "spec.numaNode", spec.numaNode() + " is negative");
    }
    if (spec.containers() == null || spec.containers().isEmpty()) {
      throw InvalidResourceException.field(where, "spec.containers", "is missing or empty");
    }
    List<ContainerGrant> grants = new ArrayList<>();
    Map<String, Integer> weights = new HashMap<>();
    Set<String> names = new HashSet<>();
    CpuSet taken = CpuSet.empty();
    for (int i = 0; i < spec.containers().size(); i++) {
      ContainerAllocation c = spec.containers().get(i);
      String field = "spec.containers[" + i + "]";
      if (c == null) {
        throw InvalidResourceException.field(where, field, "is null");
      }
      ContainerGrant grant = grant(where, field, c);
      if (!names.add(grant.name())) {
        throw InvalidResourceException.field(
            where, field + ".name", "'" + grant.name() + "' appears twice");
      }
      if (grant.cpus().intersects(taken)) {
        throw InvalidResourceException.field(
            where,
            field + ".cpus",
            grant.cpus().intersection(taken).toListString() + " are given to another container");
      }
      taken = taken.union(grant.cpus());
      if (c.cpuWeight() != null) {
        if (c.cpuWeight() < 1 || c.cpuWeight() > 10_000) {
          throw InvalidResourceException.field(
              where, field + ".cpuWeight", c.cpuWeight() + " is outside 1..10000");
        }
        weights.put(grant.name(), c.cpuWeight());
      }
      grants.add(grant);
    }
    CpuSet idle = idleCpus(where, spec.idleCpus(), taken);
    PodAllocation allocation =
        new PodAllocation(
            PodKey.of(resource.getMetadata().getNamespace(), spec.podName()),
            spec.podUid(),
            spec.nodeName(),
            spec.numaNode(),
            Optional.ofNullable(spec.tenant()),
            grants,
            idle,
            memoryBytes(where, spec.memoryBytes()));
    long generation =
        resource.getMetadata().getGeneration() == null ? 0 : resource.getMetadata().getGeneration();
    return new AllocationSpec(
        key(resource), generation, allocation, weights, transfer(where, spec.ticketTransfer()));
  }

  private static long memoryBytes(String where, Long bytes) {
    if (bytes == null) {
      return 0;
    }
    if (bytes < 0) {
      throw InvalidResourceException.field(where, "spec.memoryBytes", bytes + " is negative");
    }
    return bytes;
  }

  private static CpuSet idleCpus(String where, String list, CpuSet containers) {
    if (list == null) {
      return CpuSet.empty();
    }
    CpuSet idle;
    try {
      idle = CpuSet.parse(list);
    } catch (CpuListFormatException e) {
      throw new InvalidResourceException(where + ": spec.idleCpus: " + e.getMessage());
    }
    if (idle.intersects(containers)) {
      throw InvalidResourceException.field(
          where,
          "spec.idleCpus",
          idle.intersection(containers).toListString()
              + " are also a container's CPUs; idle CPUs run nothing");
    }
    return idle;
  }

  private static ContainerGrant grant(String where, String field, ContainerAllocation c) {
    require(where, field + ".name", c.name());
    require(where, field + ".cpuMode", c.cpuMode());
    boolean exclusive = c.cpuMode() == ContainerAllocation.CpuMode.Exclusive;
    CpuSet cpus = CpuSet.empty();
    if (exclusive) {
      require(where, field + ".cpus", c.cpus());
      try {
        cpus = CpuSet.parseNonEmpty(c.cpus());
      } catch (CpuListFormatException e) {
        throw new InvalidResourceException(where + ": " + field + ".cpus: " + e.getMessage());
      }
    } else if (c.cpus() != null) {
      throw InvalidResourceException.field(
          where, field + ".cpus", "is set on a Shared container; only Exclusive ones have CPUs");
    }
    List<HugepageGrant> hugepages = new ArrayList<>();
    if (c.hugepages() != null) {
      for (int j = 0; j < c.hugepages().size(); j++) {
        hugepages.add(hugepages(where, field + ".hugepages[" + j + "]", c.hugepages().get(j)));
      }
    }
    return new ContainerGrant(c.name(), cpus, hugepages);
  }

  private static HugepageGrant hugepages(String where, String field, HugepageAllocation h) {
    if (h == null) {
      throw InvalidResourceException.field(where, field, "is null");
    }
    require(where, field + ".bytes", h.bytes());
    require(where, field + ".numaNode", h.numaNode());
    HugepageSize size =
        HugepageSize.parse(h.size())
            .orElseThrow(
                () ->
                    InvalidResourceException.field(
                        where, field + ".size", "'" + h.size() + "' is not <n>Ki|Mi|Gi"));
    if (h.bytes() <= 0 || h.bytes() % size.bytes() != 0) {
      throw InvalidResourceException.field(
          where, field + ".bytes", h.bytes() + " is not a positive multiple of " + size.name());
    }
    if (h.numaNode() < 0) {
      throw InvalidResourceException.field(
          where, field + ".numaNode", h.numaNode() + " is negative");
    }
    return new HugepageGrant(size.bytes(), h.bytes(), h.numaNode());
  }

  private static Optional<TicketTransfer> transfer(String where, TicketTransfer t) {
    if (t == null) {
      return Optional.empty();
    }
    require(where, "spec.ticketTransfer.namespace", t.namespace());
    require(where, "spec.ticketTransfer.podName", t.podName());
    require(where, "spec.ticketTransfer.tickets", t.tickets());
    if (t.tickets() < 1) {
      throw InvalidResourceException.field(
          where, "spec.ticketTransfer.tickets", t.tickets() + " is below 1");
    }
    return Optional.of(t);
  }

  private static void require(String where, String field, Object value) {
    if (value == null) {
      throw InvalidResourceException.field(where, field, "is missing");
    }
  }
}
