package io.isocore.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.isocore.agent.cgroup.CgroupDriver;
import io.isocore.agent.cgroup.CgroupVersion;
import io.isocore.agent.metrics.EnforcementCpuView;
import io.isocore.agent.metrics.NodeCpuView.PodRef;
import io.isocore.agent.probe.ProbePlan;
import io.isocore.agent.profile.NodeProfile;
import io.isocore.agent.telemetry.ContainerRef;
import io.isocore.agent.testing.EnforcementFixture;
import io.isocore.agent.testing.FakeCgroupTree;
import io.isocore.agent.testing.NodeApiFixture;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.IsolationProfileSpec;
import io.isocore.api.v1alpha1.JitterProbeSpec;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.profile.ProbeSchedule;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics view and the probe feed observe real reconcile passes (Fabric8 mock server, CRUD;
 * fixture cgroup tree).
 */
@EnableKubernetesMockClient(crud = true)
class EnforcementObserversTest {

  KubernetesClient client;

  @TempDir Path dir;

  @Test
  void aPassFeedsTheViewAndTheProbeAndHeldCpusComeBeforeTheCpusetWrite() {
    client
        .nodes()
        .resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().build())
        .create();
    IsolationProfile profile = new IsolationProfile();
    profile.setMetadata(new ObjectMetaBuilder().withName("low-latency").build());
    profile.setSpec(
        new IsolationProfileSpec(
            null,
            "0-1",
            null,
            null,
            null,
            false,
            IsolationProfileSpec.UnallocatedPolicy.Idle,
            new JitterProbeSpec(true, 60, 5, 2000L),
            50_000L));
    client.resources(IsolationProfile.class).resource(profile).create();
    Pod pod = NodeApiFixture.createLatPod(client);
    String uid = pod.getMetadata().getUid();
    EnforcementFixture f =
        new EnforcementFixture(
            dir,
            new FakeCgroupTree.Layout(CgroupVersion.V2, CgroupDriver.SYSTEMD, "containerd"),
            uid);
    pod.setStatus(f.latRunning());
    client.pods().resource(pod).updateStatus();
    client
        .resources(CoreAllocation.class)
        .resource(NodeApiFixture.latAllocation(uid, null))
        .create();
    CoreAllocationReconciler reconciler =
        f.reconciler(client, new NodeProfile(), Clock.systemUTC());
    EnforcementCpuView view = new EnforcementCpuView();
    EnforcementProbeFeed feed = new EnforcementProbeFeed();
    reconciler.observe(view);
    reconciler.observe(feed);
    List<String> seenByListener = new ArrayList<>();
    feed.addListener(
        () -> {
          String cpuset;
          try {
            cpuset = f.tree.readCpu(f.app, "cpuset.cpus");
          } catch (UncheckedIOException e) {
            cpuset = "absent";
          }
          seenByListener.add(feed.held().toListString() + " " + cpuset);
        });

    reconciler.reconcileOnce();

    // the listener ran once, with the new CPUs held, before the app's cpuset was written
    assertThat(seenByListener).hasSize(1);
    assertThat(seenByListener.getFirst()).startsWith("4-5 ").isNotEqualTo("4-5 4-5");
    assertThat(f.tree.readCpu(f.app, "cpuset.cpus")).isEqualTo("4-5");
    assertThat(feed.held()).isEqualTo(CpuSet.parse("4-5"));
    assertThat(feed.current())
        .contains(
            new ProbePlan(
                CpuSet.parse("4-7"),
                new ProbeSchedule(true, Duration.ofSeconds(60), Duration.ofSeconds(5), 2000),
                OptionalLong.of(50_000)));
    assertThat(view.isolated()).isEqualTo(CpuSet.parse("4-7"));
    assertThat(view.reserved()).isEqualTo(CpuSet.parse("0-1"));
    assertThat(view.exclusive())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                4, new ContainerRef("team-a", "lat", "app"),
                5, new ContainerRef("team-a", "lat", "app")));
    assertThat(view.notAppliedSeconds())
        .containsExactly(Map.entry(new PodRef("team-a", "lat"), 0.0));

    // a steady pass does not grow the held set: no listener call
    reconciler.reconcileOnce();
    assertThat(seenByListener).hasSize(1);
  }
}
