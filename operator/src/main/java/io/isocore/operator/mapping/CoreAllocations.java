package io.isocore.operator.mapping;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.isocore.api.v1alpha1.ContainerAllocation;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationSpec;
import io.isocore.api.v1alpha1.HugepageAllocation;
import io.isocore.api.v1alpha1.TicketTransfer;
import io.isocore.core.alloc.ContainerGrant;
import io.isocore.core.alloc.HugepageGrant;
import io.isocore.core.alloc.PodAllocation;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.pod.PodKey;
import io.isocore.core.topology.HugepageSizes;
import java.util.List;
import java.util.Optional;

/**
 * Converts between the allocator's {@link PodAllocation} and the CoreAllocation resource: one per
 * pod, same namespace and name, owned (controller) by the pod so garbage collection follows it.
 */
public final class CoreAllocations {
  private CoreAllocations() {}

  public static CoreAllocation toResource(
      PodAllocation allocation, Pod pod, Optional<TicketTransfer> transfer) {
    CoreAllocation resource = new CoreAllocation();
    resource.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withNamespace(allocation.pod().namespace())
            .withName(allocation.pod().name())
            .addToLabels("isocore.io/node", allocation.nodeName())
            .addToOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion("v1")
                    .withKind("Pod")
                    .withName(pod.getMetadata().getName())
                    .withUid(pod.getMetadata().getUid())
                    .withController(true)
                    .withBlockOwnerDeletion(true)
                    .build())
            .build());
    List<ContainerAllocation> containers =
        allocation.containers().stream().map(CoreAllocations::container).toList();
    resource.setSpec(
        new CoreAllocationSpec(
            allocation.pod().name(),
            allocation.uid(),
            allocation.nodeName(),
            allocation.numaNode(),
            allocation.tenant().orElse(null),
            containers,
            transfer.orElse(null)));
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

  /**
   * Reads a CoreAllocation back into the allocator's form (restart recovery).
   *
   * @throws IllegalArgumentException naming the resource and the field when it cannot be read
   */
  public static PodAllocation fromResource(CoreAllocation resource) {
    String where =
        "CoreAllocation "
            + resource.getMetadata().getNamespace()
            + "/"
            + resource.getMetadata().getName();
    CoreAllocationSpec spec = resource.getSpec();
    if (spec == null
        || spec.nodeName() == null
        || spec.podUid() == null
        || spec.numaNode() == null
        || spec.containers() == null) {
      throw new IllegalArgumentException(
          where + ": spec lacks nodeName, podUid, numaNode or containers");
    }
    List<ContainerGrant> grants =
        spec.containers().stream()
            .map(
                c ->
                    new ContainerGrant(
                        c.name(),
                        c.cpuMode() == ContainerAllocation.CpuMode.Exclusive
                            ? CpuSet.parseNonEmpty(c.cpus())
                            : CpuSet.empty(),
                        c.hugepages() == null
                            ? List.of()
                            : c.hugepages().stream().map(h -> hugepages(where, h)).toList()))
            .toList();
    return new PodAllocation(
        PodKey.of(resource.getMetadata().getNamespace(), spec.podName()),
        spec.podUid(),
        spec.nodeName(),
        spec.numaNode(),
        Optional.ofNullable(spec.tenant()),
        grants);
  }

  private static HugepageGrant hugepages(String where, HugepageAllocation h) {
    long size =
        HugepageSizes.parse(h.size())
            .orElseThrow(
                () -> new IllegalArgumentException(where + ": unknown hugepage size " + h.size()));
    return new HugepageGrant(size, h.bytes(), h.numaNode());
  }
}
