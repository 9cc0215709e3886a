package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.isocore.agent.cgroup.CgroupDriver;
import io.isocore.agent.cgroup.CgroupVersion;
import io.isocore.agent.profile.NodeProfile;
import io.isocore.agent.testing.EnforcementFixture;
import io.isocore.agent.testing.FakeCgroupTree;
import io.isocore.agent.testing.NodeApiFixture;
import io.isocore.api.v1alpha1.ContainerAllocation;
import io.isocore.api.v1alpha1.ContainerAllocation.CpuMode;
import io.isocore.api.v1alpha1.ContainerVerification;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationSpec;
import io.isocore.api.v1alpha1.CoreAllocationStatus;
import io.isocore.api.v1alpha1.HugepageAllocation;
import io.isocore.api.v1alpha1.IsolatedCpus;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.LatencyTenant;
import io.isocore.api.v1alpha1.LatencyTenantSpec;
import io.isocore.api.v1alpha1.TicketTransfer;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.noise.NoisyCondition;
import io.isocore.mapping.profile.ProfileSelection;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kubernetes side on the Fabric8 mock server (CRUD), enforcing into a fixture cgroup tree. */
@EnableKubernetesMockClient(crud = true)
class CoreAllocationReconcilerTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T06:00:00Z"), ZoneOffset.UTC);

  KubernetesClient client;

  @TempDir Path dir;

  private EnforcementFixture f;
  private String uid;
  private CoreAllocationReconciler reconciler;
  private final NodeProfile nodeProfile = new NodeProfile();

  private static IsolationProfile profile(String name, String reserved, IsolatedCpus isolated) {
    return NodeApiFixture.profile(name, reserved, isolated, null);
  }

  @BeforeEach
  void node() {
    NodeApiFixture.createNode(client);
    client
        .resources(IsolationProfile.class)
        .resource(NodeApiFixture.profile("low-latency", "0-1", null, null))
        .create();
    LatencyTenant tenant = new LatencyTenant();
    tenant.setMetadata(new ObjectMetaBuilder().withName("trading").build());
    tenant.setSpec(new LatencyTenantSpec(List.of("team-a"), 200, null, null));
    client.resources(LatencyTenant.class).resource(tenant).create();
  }

  /**
   * Creates the lat pod on {@code node} (the mock server assigns its UID), then the node's cgroups.
   */
  private void start(String node) {
    uid = client.pods().resource(latPod(node)).create().getMetadata().getUid();
    f =
        new EnforcementFixture(
            dir,
            new FakeCgroupTree.Layout(CgroupVersion.V2, CgroupDriver.SYSTEMD, "containerd"),
            uid);
    Pod withIds = client.pods().inNamespace("team-a").withName("lat").get();
    withIds.setStatus(f.latRunning());
    client.pods().resource(withIds).updateStatus();
    reconciler = f.reconciler(client, nodeProfile, CLOCK);
  }

  private static Pod latPod(String node) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("lat")
        .withNamespace("team-a")
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .endSpec()
        .build();
  }

  private CoreAllocation allocation(String name, String node, TicketTransfer transfer) {
    CoreAllocation ca = new CoreAllocation();
    ca.setMetadata(
        new ObjectMetaBuilder().withName(name).withNamespace("team-a").withGeneration(1L).build());
    ca.setSpec(
        new CoreAllocationSpec(
            "lat",
            uid,
            node,
            1,
            "trading",
            List.of(
                new ContainerAllocation(
                    "app",
                    CpuMode.Exclusive,
                    "4-5",
                    null,
                    List.of(new HugepageAllocation("2Mi", 4L << 20, 1))),
                new ContainerAllocation("side", CpuMode.Shared, null, null, null)),
            transfer));
    return client.resources(CoreAllocation.class).resource(ca).create();
  }

  private CoreAllocationStatus status(String name) {
    return client
        .resources(CoreAllocation.class)
        .inNamespace("team-a")
        .withName(name)
        .get()
        .getStatus();
  }

  private List<String> events() {
    return client.v1().events().inNamespace("team-a").list().getItems().stream()
        .map(e -> e.getInvolvedObject().getName() + " " + e.getType() + " " + e.getReason())
        .sorted()
        .toList();
  }

  @Test
  void appliesVerifiesAndWritesTheStatusWithAnEvent() {
    start("node-1");
    allocation("lat", "node-1", null);
    allocation("elsewhere", "node-2", null);

    CoreAllocationReconciler.Pass pass = reconciler.reconcileOnce();

    assertThat(pass.statusPatches()).isEqualTo(1);
    CoreAllocationStatus s = status("lat");
    assertThat(s.phase()).as(s.message()).isEqualTo(CoreAllocationStatus.Phase.Applied);
    assertThat(s.observedGeneration()).isEqualTo(1L);
    assertThat(s.containers())
        .containsExactly(
            new ContainerVerification("app", f.app, "4-5", "1", 2, 0),
            new ContainerVerification("side", f.side, "0-3", "0-1", 2, 0));
    assertThat(s.conditions())
        .containsExactly(
            new ConditionBuilder()
                .withType("Applied")
                .withStatus("True")
                .withReason("Verified")
                .withMessage("enforced and read back from the kernel")
                .withObservedGeneration(1L)
                .withLastTransitionTime("2026-11-24T06:00:00Z")
                .build(),
            new ConditionBuilder()
                .withType("Drifted")
                .withStatus("False")
                .withReason("InPlace")
                .withMessage("cpusets as the agent left them")
                .withObservedGeneration(1L)
                .withLastTransitionTime("2026-11-24T06:00:00Z")
                .build());
    assertThat(status("elsewhere")).isNull();
    assertThat(events()).containsExactly("lat Normal Applied");
    assertThat(f.tree.readCpu(f.side, "cpu.weight")).isEqualTo("200"); // the tenant's tickets

    CoreAllocationReconciler.Pass steady = reconciler.reconcileOnce();
    assertThat(steady.statusPatches()).isZero();
    assertThat(steady.report().orElseThrow().writes()).isZero();
    assertThat(events()).hasSize(1);
  }

  /** Held-CPU noise verdicts the test flips, telling its listeners as HeldNoise does. */
  static final class FlippingVerdicts
      implements CoreAllocationReconciler.PassObserver, CoreAllocationStatusBuilder.NoiseVerdicts {
    final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile NoisyCondition condition =
        new NoisyCondition("False", "WithinSlo", "CPUs 4-5 within the held-CPU noise SLO");

    @Override
    public Optional<NoisyCondition> noisy(CpuSet exclusiveCpus) {
      return Optional.of(condition);
    }

    @Override
    public void addListener(Runnable onChange) {
      listeners.add(onChange);
    }

    void flip(NoisyCondition now) {
      condition = now;
      listeners.forEach(Runnable::run);
    }
  }

  @Test
  void aNoiseVerdictThatChangesAsksForAPassAtOnce() {
    start("node-1");
    allocation("lat", "node-1", null);
    FlippingVerdicts verdicts = new FlippingVerdicts();
    reconciler.observe(verdicts);
    java.util.concurrent.atomic.AtomicInteger asked =
        new java.util.concurrent.atomic.AtomicInteger();
    reconciler.passSoon(
        () -> {
          asked.incrementAndGet();
          reconciler.reconcileOnce();
        });
    reconciler.reconcileOnce();
    assertThat(noisy("lat").getStatus()).isEqualTo("False");

    // No pass is run by the test: the verdict's change asks for it (the service coalesces it and
    // runs it 200 ms later instead of at the next 30 s interval).
    verdicts.flip(
        new NoisyCondition("True", "InterruptsAboveSlo", "CPU 4: 1,840 interrupts/s (SLO 500)"));

    assertThat(asked).hasValue(1);
    assertThat(noisy("lat").getStatus()).isEqualTo("True");
    assertThat(noisy("lat").getReason()).isEqualTo("InterruptsAboveSlo");
  }

  private io.fabric8.kubernetes.api.model.Condition noisy(String name) {
    return status(name).conditions().stream()
        .filter(c -> c.getType().equals("Noisy"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void driftIsRepairedWithAWarningEventAndTheDriftedCondition() throws Exception {
    start("node-1");
    allocation("lat", "node-1", null);
    reconciler.reconcileOnce();
    f.tree.rewriteCpus(f.app, "0-5");
    f.kernel.syncEffective(f.app);

    reconciler.reconcileOnce();

    assertThat(f.tree.read(f.app, "cpuset.cpus")).isEqualTo("4-5");
    assertThat(events()).containsExactly("lat Normal Applied", "lat Warning DriftRepaired");
    Condition drifted = status("lat").conditions().get(1);
    assertThat(drifted.getStatus()).isEqualTo("True");
    assertThat(drifted.getMessage())
        .isEqualTo("repaired cpusets rewritten by another writer: " + f.app);
  }

  @Test
  void aPodNotOnTheNodeYetLeavesTheAllocationPendingAndItsCpusOutOfTheSharedPool() {
    start("node-2");
    allocation("lat", "node-1", null);

    reconciler.reconcileOnce();

    CoreAllocationStatus s = status("lat");
    assertThat(s.phase()).isEqualTo(CoreAllocationStatus.Phase.Pending);
    assertThat(s.message()).isEqualTo("pod lat is not on node node-1 yet; retrying");
    assertThat(f.tree.read(f.web, "cpuset.cpus")).isEqualTo("0-3");
    assertThat(events()).isEmpty();
  }

  @Test
  void aFinishedPodIsReleased() {
    start("node-1");
    allocation("lat", "node-1", null);
    reconciler.reconcileOnce();
    Pod done = client.pods().inNamespace("team-a").withName("lat").get();
    done.getStatus().setPhase("Succeeded");
    client.pods().resource(done).updateStatus();

    reconciler.reconcileOnce();

    assertThat(status("lat").phase()).isEqualTo(CoreAllocationStatus.Phase.Released);
    assertThat(events()).containsExactly("lat Normal Applied", "lat Normal Released");
  }

  @Test
  void anAllocationOverlappingAnEarlierOneIsRejectedNamingItAndNeverEnforced() {
    start("node-1");
    allocation("lat", "node-1", null);
    CoreAllocation later = new CoreAllocation();
    later.setMetadata(
        new ObjectMetaBuilder()
            .withName("stale")
            .withNamespace("team-a")
            .withGeneration(1L)
            .build());
    later.setSpec(
        new CoreAllocationSpec(
            "stale",
            "uid-of-stale",
            "node-1",
            1,
            "trading",
            List.of(new ContainerAllocation("app", CpuMode.Exclusive, "5-6", null, List.of())),
            null));
    client.resources(CoreAllocation.class).resource(later).create();

    reconciler.reconcileOnce();

    assertThat(status("lat").phase()).isEqualTo(CoreAllocationStatus.Phase.Applied);
    CoreAllocationStatus rejected = status("stale");
    assertThat(rejected.phase()).isEqualTo(CoreAllocationStatus.Phase.Rejected);
    assertThat(rejected.message())
        .isEqualTo(
            "not enforced: CPUs 5 are held by CoreAllocation team-a/lat (granted earlier on this"
                + " node)");
    assertThat(events()).contains("stale Warning Rejected");
    assertThat(
            client.v1().events().inNamespace("team-a").list().getItems().stream()
                .filter(e -> "Rejected".equals(e.getReason()))
                .map(e -> e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName()))
        .as("one Event on the CoreAllocation, one on the pod the user looks at")
        .containsExactlyInAnyOrder("CoreAllocation/stale", "Pod/stale");
    // A second pass changes nothing and records nothing more.
    reconciler.reconcileOnce();
    assertThat(events().stream().filter(e -> e.endsWith("Rejected"))).hasSize(2);
  }

  @Test
  void aTicketTransferLowersTheLendersWeight() {
    start("node-1");
    allocation("lat", "node-1", new TicketTransfer("team-a", "other", 150));
    target("other", "node-1");

    reconciler.reconcileOnce();

    assertThat(f.tree.readCpu(f.side, "cpu.weight")).isEqualTo("50");
    assertThat(status("lat").phase())
        .as(status("lat").message())
        .isEqualTo(CoreAllocationStatus.Phase.Applied);
    assertThat(status("lat").tickets())
        .as("the lender's status says whom it lends to")
        .isEqualTo(new io.isocore.api.v1alpha1.TicketLending("team-a/other", 150, null));
  }

  @Test
  void ticketsLentToAPodNotOnTheNodeStayWithTheLender() {
    start("node-1");
    allocation("lat", "node-1", new TicketTransfer("team-a", "other", 150));
    target("other", "node-2");

    reconciler.reconcileOnce();

    assertThat(f.tree.readCpu(f.side, "cpu.weight")).isEqualTo("200");
    assertThat(status("lat").tickets()).as("a loan that does not apply is not shown").isNull();
  }

  /** A shared-only allocation of pod {@code pod}, the target of a transfer. */
  private void target(String pod, String node) {
    CoreAllocation ca = new CoreAllocation();
    ca.setMetadata(
        new ObjectMetaBuilder().withName(pod).withNamespace("team-a").withGeneration(1L).build());
    ca.setSpec(
        new CoreAllocationSpec(
            pod,
            "uid-" + pod,
            node,
            1,
            "trading",
            List.of(new ContainerAllocation("side", CpuMode.Shared, null, null, null)),
            null));
    client.resources(CoreAllocation.class).resource(ca).create();
  }

  @Test
  void cpusTheNodeDoesNotHaveFailTheAllocationWithAWarningEvent() {
    start("node-1");
    CoreAllocation ca = new CoreAllocation();
    ca.setMetadata(
        new ObjectMetaBuilder().withName("lat").withNamespace("team-a").withGeneration(2L).build());
    ca.setSpec(
        new CoreAllocationSpec(
            "lat",
            uid,
            "node-1",
            1,
            null,
            List.of(new ContainerAllocation("app", CpuMode.Exclusive, "6-9", null, null)),
            null));
    client.resources(CoreAllocation.class).resource(ca).create();
    Map<String, String> before = f.tree.snapshot();

    reconciler.reconcileOnce();

    CoreAllocationStatus s = status("lat");
    assertThat(s.phase()).isEqualTo(CoreAllocationStatus.Phase.Failed);
    assertThat(s.message()).startsWith("CPUs 8-9 are not online on this node");
    long generation =
        client
            .resources(CoreAllocation.class)
            .inNamespace("team-a")
            .withName("lat")
            .get()
            .getMetadata()
            .getGeneration();
    assertThat(s.observedGeneration()).isEqualTo(generation);
    assertThat(s.conditions().getFirst().getObservedGeneration()).isEqualTo(generation);
    assertThat(events()).containsExactly("lat Warning EnforcementFailed");
    assertThat(f.tree.read(f.app, "cpuset.cpus"))
        .isEqualTo(
            before.get(
                f.tree.cgroupRoot().relativize(f.tree.adapter().cpusetDir(f.app))
                    + "/cpuset.cpus"));
  }

  @Test
  void aNodeSelectedByTwoProfilesIsUnusableNothingIsWrittenAndTheConflictNamesBoth() {
    start("node-1");
    allocation("lat", "node-1", null);
    client.resources(IsolationProfile.class).resource(profile("batch", "0", null)).create();
    Map<String, String> before = f.tree.snapshot();

    CoreAllocationReconciler.Pass pass = reconciler.reconcileOnce();

    assertThat(pass.report()).isEmpty();
    assertThat(f.tree.snapshot()).isEqualTo(before);
    assertThat(status("lat")).isNull();
    assertThat(events()).isEmpty();
    assertThat(nodeProfile.selection())
        .contains(new ProfileSelection.Ambiguous(List.of("batch", "low-latency")));
    assertThat(nodeProfile.selection().orElseThrow().problem())
        .contains("batch")
        .contains("low-latency");

    // The conflict ends: the next pass enforces under the one profile left.
    client.resources(IsolationProfile.class).withName("batch").delete();
    reconciler.reconcileOnce();
    assertThat(status("lat").phase()).isEqualTo(CoreAllocationStatus.Phase.Applied);
    assertThat(nodeProfile.selection().orElseThrow()).isInstanceOf(ProfileSelection.Selected.class);
  }

  @Test
  void aProfileWhoseReservedAndIsolatedCpusOverlapIsRejectedAndNothingChanges() {
    client.resources(IsolationProfile.class).withName("low-latency").delete();
    client
        .resources(IsolationProfile.class)
        .resource(
            profile("low-latency", "0-1", new IsolatedCpus(IsolatedCpus.Source.Explicit, "0-15")))
        .create();
    start("node-1");
    allocation("lat", "node-1", null);
    Map<String, String> before = f.tree.snapshot();

    CoreAllocationReconciler.Pass pass = reconciler.reconcileOnce();

    assertThat(pass.report()).isEmpty();
    assertThat(f.tree.snapshot()).isEqualTo(before);
    assertThat(status("lat")).isNull();
    assertThat(nodeProfile.selection().orElseThrow()).isInstanceOf(ProfileSelection.Invalid.class);
    assertThat(nodeProfile.selection().orElseThrow().problem())
        .contains("IsolationProfile low-latency")
        .contains("spec.reservedCpus 0-1")
        .contains("spec.isolatedCpus.cpus 0-15");
  }
}
