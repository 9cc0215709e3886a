package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.isocore.agent.cgroup.CgroupDriver;
import io.isocore.agent.cgroup.CgroupVersion;
import io.isocore.agent.cgroup.ThreadAffinityReader;
import io.isocore.agent.events.AgentEvents;
import io.isocore.agent.irq.AffinityWriter;
import io.isocore.agent.irq.IrqAffinity;
import io.isocore.agent.profile.NodeProfile;
import io.isocore.agent.testing.ClientSideNodeObjects;
import io.isocore.agent.testing.EnforcementFixture;
import io.isocore.agent.testing.FakeCgroupTree;
import io.isocore.agent.testing.NodeApiFixture;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationStatus;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.IsolationProfileSpec;
import io.isocore.api.v1alpha1.LatencyTenant;
import io.isocore.api.v1alpha1.LatencyTenantSpec;
import java.nio.file.Files;
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

/**
 * The API server or the informer caches fail: the agent keeps the last known profile, tenants and
 * allocations, never enforces defaults, and before the first answer writes nothing. A profile
 * removed (or its irqSteering turned off) and a released allocation give back the IRQs isocore
 * moved.
 */
@EnableKubernetesMockClient(crud = true)
class ApiOutageTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T20:00:00Z"), ZoneOffset.UTC);

  KubernetesClient client;

  @TempDir Path dir;

  private EnforcementFixture f;
  private Outage source;
  private CoreAllocationReconciler reconciler;

  /** The API as the informers see it: {@code down} is an unsynced cache or a failing request. */
  static final class Outage implements NodeObjects {
    private final NodeObjects api;
    String down = ""; // "", "empty" (a cache not synced) or "throws" (a failing request)

    Outage(NodeObjects api) {
      this.api = api;
    }

    private <T> T answer(java.util.function.Supplier<T> read, T unsynced) {
      return switch (down) {
        case "empty" -> unsynced;
        case "throws" -> throw new KubernetesClientException("connection refused");
        default -> read.get();
      };
    }

    @Override
    public List<CoreAllocation> allocations() {
      return answer(api::allocations, List.of());
    }

    @Override
    public Optional<Pod> pod(String namespace, String name) {
      return answer(() -> api.pod(namespace, name), Optional.empty());
    }

    @Override
    public Map<String, String> nodeLabels() {
      return answer(api::nodeLabels, Map.of());
    }

    @Override
    public List<IsolationProfile> profiles() {
      return answer(api::profiles, List.of());
    }

    @Override
    public Optional<LatencyTenant> tenant(String name) {
      return answer(() -> api.tenant(name), Optional.empty());
    }

    @Override
    public boolean current() {
      return !down.equals("empty");
    }
  }

  @BeforeEach
  void cluster() throws Exception {
    NodeApiFixture.createNode(client);
    LatencyTenant tenant = new LatencyTenant();
    tenant.setMetadata(new ObjectMetaBuilder().withName("trading").build());
    tenant.setSpec(new LatencyTenantSpec(List.of("team-a"), 200, null, null));
    client.resources(LatencyTenant.class).resource(tenant).create();
    irq(30, "0-7");
    irq(31, "5");
  }

  private void irq(int n, String list) throws Exception {
    Path file = dir.resolve("proc/irq/" + n + "/smp_affinity_list");
    Files.createDirectories(file.getParent());
    Files.writeString(file, list + "\n");
  }

  private String affinity(int n) throws Exception {
    return Files.readString(dir.resolve("proc/irq/" + n + "/smp_affinity_list")).strip();
  }

  private void profile(boolean irqSteering, IsolationProfileSpec.UnallocatedPolicy unallocated) {
    IsolationProfile profile = new IsolationProfile();
    profile.setMetadata(new ObjectMetaBuilder().withName("low-latency").build());
    profile.setSpec(
        new IsolationProfileSpec(
            Map.of("isocore.io/node", "true"),
            "0-1",
            null,
            null,
            null,
            irqSteering,
            unallocated,
            null,
            null));
    client.resources(IsolationProfile.class).resource(profile).createOr(e -> e.update());
  }

  private void start() throws Exception {
    String uid = client.pods().resource(latPod()).create().getMetadata().getUid();
    f =
        new EnforcementFixture(
            dir,
            new FakeCgroupTree.Layout(CgroupVersion.V2, CgroupDriver.SYSTEMD, "containerd"),
            uid);
    Pod withIds = client.pods().inNamespace("team-a").withName("lat").get();
    withIds.setStatus(f.latRunning());
    client.pods().resource(withIds).updateStatus();
    client
        .resources(CoreAllocation.class)
        .resource(NodeApiFixture.latAllocation(uid, "trading"))
        .create();
    source = new Outage(new ClientSideNodeObjects(client, "node-1"));
    IrqAffinity irq =
        new IrqAffinity(
            dir, Optional.of(dir.resolve("var/lib/isocore/irq-affinity")), AffinityWriter.FILES);
    AllocationEnforcer enforcer =
        new AllocationEnforcer(
            f.kernel,
            new ThreadAffinityReader(f.tree.proc()),
            new NodeHugepages(f.tree.host()),
            Optional.of(irq));
    reconciler =
        new CoreAllocationReconciler(
            client,
            "node-1",
            new LastKnownNodeObjects(source),
            enforcer,
            explicit -> EnforcementFixture.cpus(),
            new NodeProfile(),
            AgentEvents.synchronous(client, "node-1", CLOCK),
            CLOCK);
  }

  private static Pod latPod() {
    return new PodBuilder()
        .withNewMetadata()
        .withName("lat")
        .withNamespace("team-a")
        .endMetadata()
        .withNewSpec()
        .withNodeName("node-1")
        .endSpec()
        .build();
  }

  private CoreAllocationStatus status() {
    return client
        .resources(CoreAllocation.class)
        .inNamespace("team-a")
        .withName("lat")
        .get()
        .getStatus();
  }

  @Test
  void anUnsyncedCacheAfterAGoodPassKeepsTheLastProfileAndChangesNothing() throws Exception {
    profile(false, IsolationProfileSpec.UnallocatedPolicy.Shared);
    start();
    reconciler.reconcileOnce();
    assertThat(status().phase()).isEqualTo(CoreAllocationStatus.Phase.Applied);
    assertThat(f.tree.read(f.web, "cpuset.cpus")).isEqualTo("0-3,6-7");
    assertThat(f.tree.readCpu(f.side, "cpu.weight")).isEqualTo("200");
    Map<String, String> before = f.tree.snapshot();

    source.down = "empty"; // relisting informers: no Node, no profile, no allocation, no tenant
    CoreAllocationReconciler.Pass pass = reconciler.reconcileOnce();

    // Defaults (Idle, IRQ steering) would shrink the shared pool to 0-3 and move IRQ 30.
    assertThat(f.tree.snapshot()).isEqualTo(before);
    assertThat(pass.report().orElseThrow().writes()).isZero();
    assertThat(affinity(30)).isEqualTo("0-7");
    assertThat(status().phase()).isEqualTo(CoreAllocationStatus.Phase.Applied);
  }

  @Test
  void failingRequestsKeepTheLastKnownTenantsAndProfile() throws Exception {
    profile(false, IsolationProfileSpec.UnallocatedPolicy.Shared);
    start();
    reconciler.reconcileOnce();
    Map<String, String> before = f.tree.snapshot();

    source.down = "throws";
    CoreAllocationReconciler.Pass pass = reconciler.reconcileOnce();

    assertThat(pass.report()).isPresent();
    assertThat(pass.report().orElseThrow().writes()).isZero();
    assertThat(f.tree.snapshot()).isEqualTo(before);
    assertThat(f.tree.readCpu(f.side, "cpu.weight")).isEqualTo("200");
    assertThat(affinity(30)).isEqualTo("0-7");
  }

  @Test
  void beforeTheFirstAnswerNothingIsWrittenOnTheNode() throws Exception {
    profile(true, IsolationProfileSpec.UnallocatedPolicy.Idle);
    start();
    Map<String, String> before = f.tree.snapshot();
    source.down = "empty";

    CoreAllocationReconciler.Pass pass = reconciler.reconcileOnce();

    assertThat(pass.report()).isEmpty();
    assertThat(f.tree.snapshot()).isEqualTo(before);
    assertThat(affinity(30)).isEqualTo("0-7");
    assertThat(dir.resolve("var/lib/isocore/irq-affinity")).doesNotExist();
    assertThat(status()).isNull();

    source.down = "";
    reconciler.reconcileOnce();
    assertThat(status().phase()).isEqualTo(CoreAllocationStatus.Phase.Applied);
    assertThat(affinity(30)).isEqualTo("0-3,6-7");
  }

  @Test
  void removingTheProfileGivesBackTheIrqsAndWritesNoCpuset() throws Exception {
    profile(true, IsolationProfileSpec.UnallocatedPolicy.Idle);
    start();
    reconciler.reconcileOnce();
    assertThat(affinity(30)).isEqualTo("0-3,6-7");
    assertThat(affinity(31)).isEqualTo("0-3"); // its whole affinity was exclusive: the shared pool
    Map<String, String> before = f.tree.snapshot();

    client.resources(IsolationProfile.class).withName("low-latency").delete();
    CoreAllocationReconciler.Pass pass = reconciler.reconcileOnce();

    assertThat(pass.report()).isEmpty();
    assertThat(affinity(30)).isEqualTo("0-7");
    assertThat(affinity(31)).isEqualTo("5");
    assertThat(f.tree.snapshot()).isEqualTo(before);
  }

  @Test
  void turningIrqSteeringOffInTheProfileGivesBackTheIrqs() throws Exception {
    profile(true, IsolationProfileSpec.UnallocatedPolicy.Idle);
    start();
    reconciler.reconcileOnce();
    assertThat(affinity(30)).isEqualTo("0-3,6-7");

    profile(false, IsolationProfileSpec.UnallocatedPolicy.Idle);
    reconciler.reconcileOnce();

    assertThat(affinity(30)).isEqualTo("0-7");
    assertThat(affinity(31)).isEqualTo("5");
  }

  @Test
  void releasingTheAllocationGivesBackItsIrqs() throws Exception {
    profile(true, IsolationProfileSpec.UnallocatedPolicy.Idle);
    start();
    reconciler.reconcileOnce();
    assertThat(affinity(31)).isEqualTo("0-3");

    client.resources(CoreAllocation.class).inNamespace("team-a").withName("lat").delete();
    reconciler.reconcileOnce();

    assertThat(affinity(30)).isEqualTo("0-7");
    assertThat(affinity(31)).isEqualTo("5");
  }
}
