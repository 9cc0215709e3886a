package io.isocore.agent.noise;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.isocore.agent.cgroup.CgroupDriver;
import io.isocore.agent.cgroup.CgroupVersion;
import io.isocore.agent.enforce.CoreAllocationReconciler;
import io.isocore.agent.enforce.CoreAllocationStatusBuilder;
import io.isocore.agent.events.AgentEvents;
import io.isocore.agent.metrics.EnforcementCpuView;
import io.isocore.agent.probe.ProbeWindow;
import io.isocore.agent.profile.NodeProfile;
import io.isocore.agent.publish.AgentConfig;
import io.isocore.agent.publish.NodeTopologyPublisher;
import io.isocore.agent.telemetry.ContainerRef;
import io.isocore.agent.telemetry.testing.FakeProcTree;
import io.isocore.agent.testing.EnforcementFixture;
import io.isocore.agent.testing.FakeCgroupTree;
import io.isocore.agent.testing.FixtureSysfs;
import io.isocore.agent.testing.NodeApiFixture;
import io.isocore.agent.testing.TestAgentConfig;
import io.isocore.agent.topology.NodeReader;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationStatus;
import io.isocore.api.v1alpha1.CpuHealth;
import io.isocore.api.v1alpha1.HeldCpuNoiseSpec;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.LatencyTenant;
import io.isocore.api.v1alpha1.LatencyTenantSpec;
import io.isocore.api.v1alpha1.NodeTopology;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.noise.NoisyCondition;
import io.isocore.kube.status.Conditions;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The held-CPU noise loop end to end on fixture /proc data: the real reconciler, status builder and
 * writer on the Fabric8 mock server (CRUD), the real pass observer for the held CPUs, the
 * NodeTopology publisher and the gauge.
 */
@EnableKubernetesMockClient(crud = true)
class HeldNoiseLoopTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-24T06:00:00Z"), ZoneOffset.UTC);

  KubernetesClient client;

  @TempDir Path dir;

  private final AtomicLong millis =
      new AtomicLong(Instant.parse("2026-11-24T06:00:00Z").toEpochMilli());
  private final NodeProfile nodeProfile = new NodeProfile();
  private final AtomicInteger quarantineChanges = new AtomicInteger();
  private final List<ProbeWindow> probeWindows = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private HeldProcFixture proc;
  private HeldNoiseMonitor monitor;
  private CoreAllocationReconciler reconciler;
  private NodeTopologyPublisher publisher;
  private Path host;

  /** What the agent's HeldNoise bean is to the reconciler: a pass observer giving verdicts. */
  private record Verdicts(HeldNoiseMonitor monitor)
      implements CoreAllocationReconciler.PassObserver, CoreAllocationStatusBuilder.NoiseVerdicts {
    @Override
    public Optional<NoisyCondition> noisy(CpuSet exclusiveCpus) {
      return monitor.noisy(exclusiveCpus);
    }
  }

  private final Clock stepClock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(millis.get());
        }
      };

  private IsolationProfile profile(HeldCpuNoiseSpec slo) {
    return NodeApiFixture.profile("low-latency", "0-1", null, slo);
  }

  @BeforeEach
  void node() {
    NodeApiFixture.createNode(client);
    client
        .resources(IsolationProfile.class)
        .resource(profile(new HeldCpuNoiseSpec(500L, null, null, 30)))
        .create();
    LatencyTenant tenant = new LatencyTenant();
    tenant.setMetadata(new ObjectMetaBuilder().withName("trading").build());
    tenant.setSpec(new LatencyTenantSpec(List.of("team-a"), 200, null, null));
    client.resources(LatencyTenant.class).resource(tenant).create();

    Pod pod = NodeApiFixture.createLatPod(client);
    String uid = pod.getMetadata().getUid();
    EnforcementFixture f =
        new EnforcementFixture(
            dir.resolve("cgroup"),
            new FakeCgroupTree.Layout(CgroupVersion.V2, CgroupDriver.SYSTEMD, "containerd"),
            uid);
    pod.setStatus(f.latRunning());
    client.pods().resource(pod).updateStatus();
    client
        .resources(CoreAllocation.class)
        .resource(NodeApiFixture.latAllocation(uid, "trading"))
        .create();

    host = dir.resolve("host");
    proc = new HeldProcFixture(host).interrupts(0, 0).owner(5, 1_000_000);
    reconciler = f.reconciler(client, nodeProfile, CLOCK);
    EnforcementCpuView view = new EnforcementCpuView(CLOCK);
    reconciler.observe(view);
    ContainerRef app = new ContainerRef("team-a", "lat", "app");
    monitor =
        new HeldNoiseMonitor(
            host,
            key -> key.podUid().equals(FakeProcTree.POD_UID) ? Optional.of(app) : Optional.empty(),
            view::exclusive,
            () -> HeldNoise.slo(nodeProfile),
            new HeldNoiseMonitor.ProbeView() {
              @Override
              public List<ProbeWindow> lastWindows() {
                return List.copyOf(probeWindows);
              }

              @Override
              public CpuSet quarantined() {
                return CpuSet.empty();
              }
            },
            stepClock);
    reconciler.observe(new Verdicts(monitor));
    monitor.addListener(quarantineChanges::incrementAndGet);
    HeldNoise.register(registry, monitor);
    FixtureSysfs.machine()
        .packages(1)
        .numaPerPackage(1)
        .coresPerNuma(4)
        .threadsPerCore(2)
        .write(host);
    publisher =
        new NodeTopologyPublisher(
            client,
            config(),
            AgentEvents.synchronous(client, "node-1", CLOCK),
            List::of,
            nodeProfile,
            monitor::cpuHealth);
  }

  /** Ten seconds later: CPU 4 saw {@code eth} more NIC interrupts and 2,500 more timer ticks. */
  private long eth;

  private long loc;

  private void window(long ethPerSecond, long ownerInvoluntary) {
    window(ethPerSecond, ownerInvoluntary, 1_000_000);
  }

  private void window(long ethPerSecond, long ownerInvoluntary, long ownerWaitNanos) {
    millis.addAndGet(10_000);
    eth += ethPerSecond * 10;
    loc += 2_500;
    proc.interrupts(eth, loc).owner(ownerInvoluntary, ownerWaitNanos);
    monitor.window();
  }

  private Condition noisy() {
    CoreAllocationStatus s =
        client
            .resources(CoreAllocation.class)
            .inNamespace("team-a")
            .withName("lat")
            .get()
            .getStatus();
    return Conditions.find(s.conditions(), "Noisy").orElseThrow();
  }

  private List<String> events() {
    return client.v1().events().inNamespace("team-a").list().getItems().stream()
        .map(
            e ->
                e.getInvolvedObject().getKind()
                    + "/"
                    + e.getInvolvedObject().getName()
                    + " "
                    + e.getType()
                    + " "
                    + e.getReason())
        .sorted()
        .toList();
  }

  private double gauge() {
    for (MetricSnapshot m : registry.scrape()) {
      if (m.getMetadata().getPrometheusName().equals("isocore_allocation_noisy")) {
        for (GaugeSnapshot.GaugeDataPointSnapshot d : ((GaugeSnapshot) m).getDataPoints()) {
          if (d.getLabels().get("namespace").equals("team-a")
              && d.getLabels().get("pod").equals("lat")) {
            return d.getValue();
          }
        }
      }
    }
    return -1;
  }

  private Optional<CpuHealth> published(int cpu) {
    publisher.publish(new NodeReader(host).read());
    List<CpuHealth> health =
        client.resources(NodeTopology.class).withName("node-1").get().getStatus().cpuHealth();
    return health == null
        ? Optional.empty()
        : health.stream().filter(h -> h.cpu() == cpu).findFirst();
  }

  @Test
  void aHeldCpuAboveItsSloForForSecondsIsNoisyQuarantinedAndAlertedThenClearsWhenClean() {
    reconciler.reconcileOnce(); // enforced: the pass observers learn CPUs 4-5 are held
    monitor.window(); // the first reading
    window(1_590, 5); // 1,590 eth0 + 250 LOC = 1,840 interrupts/s on CPU 4
    window(1_590, 5);
    reconciler.reconcileOnce();
    assertThat(noisy().getStatus()).as("20 s is shorter than forSeconds").isEqualTo("False");
    assertThat(gauge()).isZero();

    window(1_590, 5);
    CoreAllocationReconciler.Pass pass = reconciler.reconcileOnce();

    Condition c = noisy();
    assertThat(pass.statusPatches()).isEqualTo(1);
    assertThat(c.getStatus()).isEqualTo("True");
    assertThat(c.getReason()).isEqualTo("InterruptsAboveSlo");
    assertThat(c.getObservedGeneration()).isEqualTo(1L);
    assertThat(c.getMessage())
        .startsWith(
            "CPU 4: 1,840 interrupts/s (SLO 500) for 30 s; top source: 45:eth0-rx-3 (irq), 9");
    assertThat(events())
        .contains("Pod/lat Warning Noisy", "CoreAllocation/lat Warning Noisy")
        .doesNotContain("Pod/lat Normal NoiseCleared");
    assertThat(gauge()).isEqualTo(1);
    assertThat(quarantineChanges).as("the refresher republishes now").hasValue(1);
    CpuHealth health = published(4).orElseThrow();
    assertThat(health.quarantined()).isTrue();
    assertThat(health.interruptsPerSecond()).isEqualTo(1840.0);
    assertThat(health.topNoiseSources().get(0).name()).isEqualTo("45:eth0-rx-3");

    window(1_590, 5); // still noisy, same frozen message: nothing to write
    CoreAllocationReconciler.Pass steady = reconciler.reconcileOnce();
    assertThat(steady.statusPatches()).isZero();
    assertThat(events()).filteredOn(e -> e.endsWith("Noisy")).hasSize(2);

    window(0, 5); // 250 interrupts/s from here on
    window(0, 5);
    reconciler.reconcileOnce();
    assertThat(noisy().getStatus()).as("clean for 20 s is not clean for 30 s").isEqualTo("True");
    window(0, 5);
    reconciler.reconcileOnce();

    Condition cleared = noisy();
    assertThat(cleared.getStatus()).isEqualTo("False");
    assertThat(cleared.getReason()).isEqualTo("WithinSlo");
    assertThat(cleared.getMessage())
        .startsWith(
            "CPUs 4-5 within the held-CPU noise SLO again; it was CPU 4: 1,840 interrupts/s (SLO"
                + " 500) for 30 s; top source: 45:eth0-rx-3 (irq)");
    assertThat(events()).contains("Pod/lat Normal NoiseCleared");
    assertThat(gauge()).isZero();
    assertThat(quarantineChanges).hasValue(2);
    assertThat(published(4).map(CpuHealth::quarantined)).isNotEqualTo(Optional.of(true));
  }

  @Test
  void aNoisyCpuStaysQuarantinedAfterThePodLeavesUntilAProbeWindowAfterThatSaysClean() {
    reconciler.reconcileOnce();
    monitor.window();
    for (int i = 0; i < 3; i++) {
      window(1_590, 5);
    }
    reconciler.reconcileOnce();
    assertThat(noisy().getStatus()).isEqualTo("True");
    Pod done = client.pods().inNamespace("team-a").withName("lat").get();
    done.getStatus().setPhase("Succeeded");
    client.pods().resource(done).updateStatus();

    reconciler.reconcileOnce(); // released: CPUs 4-5 are no longer held
    window(0, 5);
    long released = millis.get();

    assertThat(
            client
                .resources(CoreAllocation.class)
                .inNamespace("team-a")
                .withName("lat")
                .get()
                .getStatus()
                .phase())
        .isEqualTo(CoreAllocationStatus.Phase.Released);
    assertThat(events()).doesNotContain("Pod/lat Normal NoiseCleared");
    assertThat(published(4).orElseThrow().quarantined()).isTrue();
    // A probe window that began while the pod still held the CPU says nothing about it.
    probeWindows.add(probe(4, released - 1_000));
    window(0, 5);
    assertThat(published(4).orElseThrow().quarantined()).isTrue();
    probeWindows.set(0, probe(4, released + 20_000));
    window(0, 5);
    assertThat(published(4).map(CpuHealth::quarantined)).isNotEqualTo(Optional.of(true));
    assertThat(quarantineChanges).hasValue(2);
  }

  /** A clean 10 s probe window on {@code cpu} ending at {@code endMillis}, 250 interrupts/s. */
  private static ProbeWindow probe(int cpu, long endMillis) {
    return new ProbeWindow(
        cpu,
        Instant.ofEpochMilli(endMillis),
        10_000_000_000L,
        1_000_000,
        3,
        9_000,
        4_000,
        30,
        250,
        1000);
  }

  @Test
  void theOwnersInvoluntarySwitchesAreMeasuredOnItsCpu() {
    client
        .resources(IsolationProfile.class)
        .resource(profile(new HeldCpuNoiseSpec(null, 100L, null, 10)))
        .update();
    reconciler.reconcileOnce();
    monitor.window();
    window(0, 5 + 2_000); // 200 involuntary switches/s of the owner thread on CPU 4
    reconciler.reconcileOnce();

    assertThat(noisy().getStatus()).isEqualTo("True");
    assertThat(noisy().getReason()).isEqualTo("InvoluntarySwitchesAboveSlo");
    assertThat(noisy().getMessage())
        .startsWith("CPU 4: 200 involuntary switches/s (SLO 100) for 10 s");
  }

  @Test
  void theOwnersRunQueueWaitIsMeasuredOnItsCpu() {
    client
        .resources(IsolationProfile.class)
        .resource(profile(new HeldCpuNoiseSpec(null, null, 100L, 10)))
        .update();
    reconciler.reconcileOnce();
    monitor.window();
    window(0, 5, 1_000_000 + 2_500_000_000L); // 2.5 s of waiting in 10 s: 250 ms per second
    reconciler.reconcileOnce();
    assertThat(noisy().getStatus()).isEqualTo("True");
    assertThat(noisy().getReason()).isEqualTo("RunQueueWaitAboveSlo");
    assertThat(noisy().getMessage())
        .startsWith("CPU 4: 250 ms run-queue wait/s (SLO 100) for 10 s");
  }

  @Test
  void anInvalidSloIsNamedInTheConditionAndChangesNothingOnTheNode() {
    reconciler.reconcileOnce();
    monitor.window();
    for (int i = 0; i < 3; i++) {
      window(1_590, 5);
    }
    reconciler.reconcileOnce();
    assertThat(noisy().getStatus()).isEqualTo("True");
    // An older CRD without the bounds lets forSeconds: 5 through.
    client
        .resources(IsolationProfile.class)
        .resource(profile(new HeldCpuNoiseSpec(500L, null, null, 5)))
        .update();
    reconciler.reconcileOnce(); // the node's profile selection now carries the bad value
    window(0, 5);
    reconciler.reconcileOnce();

    Condition c = noisy();
    assertThat(c.getStatus()).isEqualTo("Unknown");
    assertThat(c.getReason()).isEqualTo("InvalidSlo");
    assertThat(c.getMessage())
        .isEqualTo(
            "IsolationProfile low-latency: spec.heldCpuNoise.forSeconds is 5, expected 10 to"
                + " 86400; the held-CPU noise SLO is not applied until it is fixed");
    assertThat(published(4).orElseThrow().quarantined()).as("the quarantine stays").isTrue();
  }

  private AgentConfig config() {
    return TestAgentConfig.publishing("node-1", host);
  }
}
