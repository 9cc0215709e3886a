package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.isocore.api.v1alpha1.ContainerAllocation;
import io.isocore.api.v1alpha1.ContainerAllocation.CpuMode;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationSpec;
import io.isocore.api.v1alpha1.TicketTransfer;
import io.isocore.core.cpu.CpuSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DesiredAllocationMapperTest {

  private static CoreAllocation ca(
      String name, String pod, String cpus, TicketTransfer transfer, Integer weight) {
    CoreAllocation ca = new CoreAllocation();
    ca.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace("ns").withGeneration(3L).build());
    ca.setSpec(
        new CoreAllocationSpec(
            pod,
            "uid-" + pod,
            "node-1",
            0,
            "trading",
            List.of(
                new ContainerAllocation("main", CpuMode.Exclusive, cpus, null, null),
                new ContainerAllocation("side", CpuMode.Shared, null, weight, null)),
            transfer));
    return ca;
  }

  private static Pod pod(String name, String phase) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("ns")
        .withUid("uid-" + name)
        .endMetadata()
        .withNewStatus()
        .withPhase(phase)
        .withQosClass("Guaranteed")
        .addNewContainerStatus()
        .withName("main")
        .withContainerID("cri-o://m1")
        .endContainerStatus()
        .addNewContainerStatus()
        .withName("side")
        .withContainerID("")
        .endContainerStatus()
        .endStatus()
        .build();
  }

  private static DesiredAllocation enforce(DesiredAllocationMapper.Mapped mapped) {
    assertThat(mapped).isInstanceOf(DesiredAllocationMapper.Enforce.class);
    return ((DesiredAllocationMapper.Enforce) mapped).allocation();
  }

  @Test
  void receivedTicketsRaiseTheSharedContainersWeight() {
    CoreAllocation receiver = ca("a", "a", "2", null, null);
    CoreAllocation lender = ca("b", "b", "3", new TicketTransfer("ns", "a", 150), null);

    DesiredAllocation a =
        enforce(
            DesiredAllocationMapper.map(
                receiver,
                Optional.of(pod("a", "Running")),
                List.of(receiver, lender),
                t -> OptionalLong.of(100)));
    DesiredAllocation b =
        enforce(
            DesiredAllocationMapper.map(
                lender,
                Optional.of(pod("b", "Running")),
                List.of(receiver, lender),
                t -> OptionalLong.of(100)));

    // 100 own + 100 received: the lender names 150 but its tenant holds only 100.
    assertThat(a.containers().get(1).cpuWeight()).isEqualTo(OptionalInt.of(200));
    assertThat(b.containers().get(1).cpuWeight()).isEqualTo(OptionalInt.of(1));
    assertThat(a.containers().get(0).cpuWeight()).isEmpty();
    assertThat(a.containers().get(0).cpus()).isEqualTo(CpuSet.of(2));
    assertThat(a.containers().get(0).containerId()).contains("cri-o://m1");
    assertThat(a.containers().get(1).containerId()).isEmpty();
    assertThat(a.generation()).isEqualTo(3);
  }

  @Test
  void thePodShareCarriesTheKubeletsRequestSumAndTheTicketsAfterTransfers() {
    CoreAllocation receiver = ca("a", "a", "2", null, null);
    CoreAllocation lender = ca("b", "b", "3", new TicketTransfer("ns", "a", 150), null);
    Pod pod = pod("a", "Running");
    pod.setSpec(
        new PodSpecBuilder()
            .addNewContainer()
            .withName("main")
            .withNewResources()
            .addToRequests("cpu", new Quantity("2"))
            .endResources()
            .endContainer()
            .addNewContainer()
            .withName("side")
            .withNewResources()
            .addToRequests("cpu", new Quantity("250m"))
            .endResources()
            .endContainer()
            .addNewInitContainer()
            .withName("init")
            .withNewResources()
            .addToRequests("cpu", new Quantity("3"))
            .endResources()
            .endInitContainer()
            .addToOverhead("cpu", new Quantity("100m"))
            .build());

    DesiredAllocation a =
        enforce(
            DesiredAllocationMapper.map(
                receiver, Optional.of(pod), List.of(receiver, lender), t -> OptionalLong.of(100)));
    DesiredAllocation unseen =
        enforce(
            DesiredAllocationMapper.map(
                receiver, Optional.empty(), List.of(receiver, lender), t -> OptionalLong.of(100)));

    // max(2000 + 250, 3000 init) + 100 overhead; 100 own + 100 received (150 named, 100 held)
    assertThat(a.podShare()).contains(new PodShare(3100, 200, 0, 100));
    assertThat(unseen.podShare()).isEmpty();
  }

  @Test
  void ticketsLentToAPodWithoutAnAllocationOnTheNodeStayWithTheLender() {
    CoreAllocation lender = ca("b", "b", "3", new TicketTransfer("ns", "elsewhere", 150), null);

    DesiredAllocation b =
        enforce(
            DesiredAllocationMapper.map(
                lender,
                Optional.of(pod("b", "Running")),
                List.of(lender),
                t -> OptionalLong.of(200)));

    assertThat(b.containers().get(1).cpuWeight()).isEqualTo(OptionalInt.of(200));
    assertThat(b.podShare()).contains(new PodShare(0, 200, 0, 0));
  }

  @Test
  void aLenderGivesAtMostTheTicketsItsTenantHolds() {
    CoreAllocation receiver = ca("a", "a", "2", null, null);
    CoreAllocation lender = ca("b", "b", "3", new TicketTransfer("ns", "a", 1_000_000), null);
    List<CoreAllocation> node = List.of(receiver, lender);

    DesiredAllocation a =
        enforce(
            DesiredAllocationMapper.map(
                receiver, Optional.of(pod("a", "Running")), node, t -> OptionalLong.of(100)));
    DesiredAllocation b =
        enforce(
            DesiredAllocationMapper.map(
                lender, Optional.of(pod("b", "Running")), node, t -> OptionalLong.of(100)));

    assertThat(a.podShare()).contains(new PodShare(0, 200, 0, 100));
    assertThat(b.podShare()).contains(new PodShare(0, 1, 100, 0));
  }

  @Test
  void theOperatorsWeightWinsOverTickets() {
    CoreAllocation ca = ca("a", "a", "2", null, 700);

    DesiredAllocation a =
        enforce(
            DesiredAllocationMapper.map(
                ca, Optional.empty(), List.of(ca), t -> OptionalLong.of(100)));

    assertThat(a.containers().get(1).cpuWeight()).isEqualTo(OptionalInt.of(700));
    assertThat(a.qos()).isEmpty();
  }

  @Test
  void aReplacedOrFinishedPodReleasesAndABadCpuListIsInvalid() {
    CoreAllocation ca = ca("a", "a", "2", null, null);
    Pod replaced = pod("a", "Running");
    replaced.getMetadata().setUid("uid-new");

    assertThat(
            DesiredAllocationMapper.map(
                ca, Optional.of(replaced), List.of(ca), t -> OptionalLong.empty()))
        .isEqualTo(
            new DesiredAllocationMapper.Release(
                "pod a now has UID uid-new, not uid-a: the allocated pod is gone"));
    assertThat(
            DesiredAllocationMapper.map(
                ca, Optional.of(pod("a", "Succeeded")), List.of(ca), t -> OptionalLong.empty()))
        .isEqualTo(new DesiredAllocationMapper.Release("pod a finished (Succeeded)"));
    CoreAllocation bad = ca("c", "c", "2-x", null, null);
    assertThat(
            DesiredAllocationMapper.map(
                bad, Optional.empty(), List.of(bad), t -> OptionalLong.empty()))
        .isInstanceOf(DesiredAllocationMapper.Invalid.class);
  }

  @Test
  void theIdleSiblingsAreCarriedAndABadListIsInvalid() {
    CoreAllocation ca = ca("a", "a", "2-3,10", null, null);
    CoreAllocationSpec s = ca.getSpec();
    ca.setSpec(
        new CoreAllocationSpec(
            s.podName(),
            s.podUid(),
            s.nodeName(),
            s.numaNode(),
            s.tenant(),
            s.containers(),
            s.ticketTransfer(),
            "11"));
    DesiredAllocation a =
        enforce(
            DesiredAllocationMapper.map(
                ca, Optional.of(pod("a", "Running")), List.of(ca), t -> OptionalLong.of(100)));
    assertThat(a.idleCpus()).isEqualTo(CpuSet.of(11));
    assertThat(a.exclusiveCpus()).isEqualTo(CpuSet.parse("2-3,10"));

    ca.setSpec(
        new CoreAllocationSpec(
            s.podName(),
            s.podUid(),
            s.nodeName(),
            s.numaNode(),
            s.tenant(),
            s.containers(),
            s.ticketTransfer(),
            "10-11"));
    assertThat(
            DesiredAllocationMapper.map(
                ca, Optional.of(pod("a", "Running")), List.of(ca), t -> OptionalLong.of(100)))
        .isInstanceOfSatisfying(
            DesiredAllocationMapper.Invalid.class,
            i -> assertThat(i.reason()).contains("spec.idleCpus 10 are also a container's CPUs"));
  }
}
