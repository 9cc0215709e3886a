package io.isocore.mapping.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.isocore.api.testing.CrValidator;
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
import io.isocore.mapping.InvalidResourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CoreAllocationsTest {

  static final PodAllocation FEED =
      new PodAllocation(
          PodKey.of("trading", "feed"),
          "uid-1",
          "node-a",
          1,
          Optional.of("desk-a"),
          List.of(
              new ContainerGrant(
                  "engine",
                  CpuSet.parse("2-3,10"),
                  List.of(new HugepageGrant(1L << 30, 2L << 30, 1))),
              new ContainerGrant("sidecar", CpuSet.empty(), List.of())),
          CpuSet.parse("11"),
          48L << 30);

  @Test
  void writesWhatTheApiServerAccepts() {
    CoreAllocation resource =
        CoreAllocations.toResource(FEED, Optional.of(new TicketTransfer("trading", "risk", 100)));
    resource.setApiVersion("isocore.io/v1alpha1");
    resource.setKind("CoreAllocation");
    assertThat(new CrValidator().validateObject(resource)).isEmpty();
    assertThat(resource.getMetadata().getOwnerReferences().getFirst().getUid()).isEqualTo("uid-1");
    assertThat(resource.getMetadata().getOwnerReferences().getFirst().getController()).isTrue();
    assertThat(resource.getMetadata().getLabels())
        .containsEntry(CoreAllocations.NODE_LABEL, "node-a");
    assertThat(resource.getSpec().containers().get(0).cpus()).isEqualTo("2-3,10");
    assertThat(resource.getSpec().containers().get(1).cpus()).isNull();
    assertThat(resource.getSpec().idleCpus()).isEqualTo("11");
    assertThat(resource.getSpec().memoryBytes()).isEqualTo(48L << 30);
  }

  @Test
  void memoryIsCarriedAndAbsentMemoryCountsNone() {
    assertThat(CoreAllocations.decode(with(s -> s)).allocation().memoryBytes())
        .isEqualTo(48L << 30);
    assertThat(CoreAllocations.decode(with(s -> withMemory(s, null))).allocation().memoryBytes())
        .isZero();
    assertInvalid(
        s -> withMemory(s, -1L), "CoreAllocation trading/feed: spec.memoryBytes -1 is negative");
  }

  @Test
  void noIdleSiblingIsWrittenAsAnEmptyListAndAnAbsentFieldReadsAsNone() {
    PodAllocation even =
        new PodAllocation(
            FEED.pod(), FEED.uid(), FEED.nodeName(), 1, FEED.tenant(), FEED.containers());
    assertThat(CoreAllocations.toResource(even, Optional.empty()).getSpec().memoryBytes()).isNull();
    CoreAllocation resource = CoreAllocations.toResource(even, Optional.empty());
    assertThat(resource.getSpec().idleCpus()).isEmpty();
    assertThat(CoreAllocations.decode(resource).allocation()).isEqualTo(even);
    AllocationSpec old = CoreAllocations.decode(with(s -> withIdle(s, null)));
    assertThat(old.allocation().idleCpus()).isEqualTo(CpuSet.empty());
    assertThat(old.allocation().heldCpus()).isEqualTo(CpuSet.parse("2-3,10"));
  }

  @Test
  void badIdleCpusAreNamed() {
    assertThatThrownBy(() -> CoreAllocations.decode(with(s -> withIdle(s, "11-"))))
        .isInstanceOf(InvalidResourceException.class)
        .hasMessageStartingWith("CoreAllocation trading/feed: spec.idleCpus:");
    assertInvalid(
        s -> withIdle(s, "3,11"),
        "CoreAllocation trading/feed: spec.idleCpus 3 are also a container's CPUs; idle CPUs run"
            + " nothing");
  }

  @Test
  void roundTrip() {
    CoreAllocation resource =
        CoreAllocations.toResource(FEED, Optional.of(new TicketTransfer("trading", "risk", 100)));
    resource.getMetadata().setGeneration(3L);
    AllocationSpec spec = CoreAllocations.decode(resource);
    assertThat(spec.allocation()).isEqualTo(FEED);
    assertThat(spec.key()).isEqualTo("trading/feed");
    assertThat(spec.generation()).isEqualTo(3);
    assertThat(spec.exclusiveCpus()).isEqualTo(CpuSet.parse("2-3,10"));
    assertThat(spec.lendsTo("trading", "risk")).isTrue();
    assertThat(spec.lendsTo("other", "risk")).isFalse();
    assertThat(spec.cpuWeight("sidecar")).isEmpty();
  }

  @Test
  void explicitWeightsAreKept() {
    AllocationSpec spec =
        CoreAllocations.decode(
            with(
                c -> replace(c, 1, new ContainerAllocation("sidecar", shared(), null, 300, null))));
    assertThat(spec.cpuWeight("sidecar")).hasValue(300);
  }

  @Test
  void everyBadFieldIsNamed() {
    assertInvalid(s -> null, "CoreAllocation trading/feed: spec is missing");
    assertInvalid(
        s -> new CoreAllocationSpec("feed", null, "node-a", 1, null, s.containers(), null),
        "CoreAllocation trading/feed: spec.podUid is missing");
    assertInvalid(
        s -> new CoreAllocationSpec("feed", "u", "node-a", -1, null, s.containers(), null),
        "CoreAllocation trading/feed: spec.numaNode -1 is negative");
    assertInvalid(
        s -> new CoreAllocationSpec("feed", "u", "node-a", 1, null, List.of(), null),
        "CoreAllocation trading/feed: spec.containers is missing or empty");
    assertInvalid(
        s -> replace(s, 0, new ContainerAllocation("engine", exclusive(), null, null, null)),
        "CoreAllocation trading/feed: spec.containers[0].cpus is missing");
    assertInvalid(
        s -> replace(s, 1, new ContainerAllocation("sidecar", shared(), "4", null, null)),
        "CoreAllocation trading/feed: spec.containers[1].cpus is set on a Shared container;"
            + " only Exclusive ones have CPUs");
    assertInvalid(
        s -> replace(s, 1, new ContainerAllocation("sidecar", exclusive(), "3-4", null, null)),
        "CoreAllocation trading/feed: spec.containers[1].cpus 3 are given to another container");
    assertInvalid(
        s -> replace(s, 1, new ContainerAllocation("engine", shared(), null, null, null)),
        "CoreAllocation trading/feed: spec.containers[1].name 'engine' appears twice");
    assertInvalid(
        s -> replace(s, 1, new ContainerAllocation("sidecar", shared(), null, 20000, null)),
        "CoreAllocation trading/feed: spec.containers[1].cpuWeight 20000 is outside 1..10000");
    assertInvalid(
        s ->
            replace(
                s,
                1,
                new ContainerAllocation(
                    "sidecar",
                    shared(),
                    null,
                    null,
                    List.of(new HugepageAllocation("3Xi", 1L, 0)))),
        "CoreAllocation trading/feed: spec.containers[1].hugepages[0].size '3Xi' is not"
            + " <n>Ki|Mi|Gi");
    assertInvalid(
        s ->
            replace(
                s,
                1,
                new ContainerAllocation(
                    "sidecar",
                    shared(),
                    null,
                    null,
                    List.of(new HugepageAllocation("2Mi", 1000L, 0)))),
        "CoreAllocation trading/feed: spec.containers[1].hugepages[0].bytes 1000 is not a positive"
            + " multiple of 2Mi");
    assertInvalid(
        s ->
            new CoreAllocationSpec(
                "feed", "u", "n", 1, null, s.containers(), new TicketTransfer("t", "p", 0)),
        "CoreAllocation trading/feed: spec.ticketTransfer.tickets 0 is below 1");
  }

  @Test
  void unparsableCpuListNamesTheField() {
    assertThatThrownBy(
            () ->
                CoreAllocations.decode(
                    with(
                        s ->
                            replace(
                                s,
                                0,
                                new ContainerAllocation("engine", exclusive(), "2-", null, null)))))
        .isInstanceOf(InvalidResourceException.class)
        .hasMessageStartingWith("CoreAllocation trading/feed: spec.containers[0].cpus:");
  }

  private static void assertInvalid(UnaryOperator<CoreAllocationSpec> change, String message) {
    assertThatThrownBy(() -> CoreAllocations.decode(with(change)))
        .isInstanceOf(InvalidResourceException.class)
        .hasMessage(message);
  }

  private static CoreAllocation with(UnaryOperator<CoreAllocationSpec> change) {
    CoreAllocation resource = CoreAllocations.toResource(FEED, Optional.empty());
    resource.setSpec(change.apply(resource.getSpec()));
    resource.setMetadata(new ObjectMetaBuilder().withNamespace("trading").withName("feed").build());
    return resource;
  }

  private static CoreAllocationSpec replace(CoreAllocationSpec s, int i, ContainerAllocation c) {
    List<ContainerAllocation> containers = new ArrayList<>(s.containers());
    containers.set(i, c);
    return new CoreAllocationSpec(
        s.podName(),
        s.podUid(),
        s.nodeName(),
        s.numaNode(),
        s.tenant(),
        containers,
        s.ticketTransfer(),
        s.idleCpus(),
        s.memoryBytes());
  }

  private static CoreAllocationSpec withMemory(CoreAllocationSpec s, Long memory) {
    return new CoreAllocationSpec(
        s.podName(),
        s.podUid(),
        s.nodeName(),
        s.numaNode(),
        s.tenant(),
        s.containers(),
        s.ticketTransfer(),
        s.idleCpus(),
        memory);
  }

  private static CoreAllocationSpec withIdle(CoreAllocationSpec s, String idle) {
    return new CoreAllocationSpec(
        s.podName(),
        s.podUid(),
        s.nodeName(),
        s.numaNode(),
        s.tenant(),
        s.containers(),
        s.ticketTransfer(),
        idle,
        s.memoryBytes());
  }

  private static ContainerAllocation.CpuMode exclusive() {
    return ContainerAllocation.CpuMode.Exclusive;
  }

  private static ContainerAllocation.CpuMode shared() {
    return ContainerAllocation.CpuMode.Shared;
  }
}
