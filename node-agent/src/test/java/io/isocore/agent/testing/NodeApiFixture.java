package io.isocore.agent.testing;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.isocore.api.v1alpha1.ContainerAllocation;
import io.isocore.api.v1alpha1.ContainerAllocation.CpuMode;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationSpec;
import io.isocore.api.v1alpha1.HeldCpuNoiseSpec;
import io.isocore.api.v1alpha1.IsolatedCpus;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.IsolationProfileSpec;
import java.util.List;
import java.util.Map;

/**
 * The node-side API objects the agent's reconciler tests share on the mock server: node {@value
 * #NODE} with the label the profiles select, and profiles for it.
 */
public final class NodeApiFixture {

  /** The node the agent under test runs on. */
  public static final String NODE = "node-1";

  /** The label the fixture profiles select. */
  public static final Map<String, String> SELECTOR = Map.of("isocore.io/node", "true");

  private NodeApiFixture() {}

  /** Creates {@value #NODE}, labelled so that the fixture profiles select it. */
  public static void createNode(KubernetesClient client) {
    client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(NODE)
                .addToLabels(SELECTOR)
                .endMetadata()
                .build())
        .create();
  }

  /**
   * A profile selecting {@value #NODE}: {@code reserved} CPUs, {@code isolated} (null: the
   * default), idle isolated CPUs, no IRQ steering, and {@code heldCpuNoise} (null: no SLO).
   */
  public static IsolationProfile profile(
      String name, String reserved, IsolatedCpus isolated, HeldCpuNoiseSpec heldCpuNoise) {
    IsolationProfile profile = new IsolationProfile();
    profile.setMetadata(new ObjectMetaBuilder().withName(name).build());
    profile.setSpec(
        new IsolationProfileSpec(
            SELECTOR,
            reserved,
            isolated,
            null,
            null,
            false,
            IsolationProfileSpec.UnallocatedPolicy.Idle,
            null,
            null,
            null,
            heldCpuNoise));
    return profile;
  }

  /** Creates pod team-a/lat, bound to {@value #NODE} (no status yet). */
  public static Pod createLatPod(KubernetesClient client) {
    return client
        .pods()
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("lat")
                .withNamespace("team-a")
                .endMetadata()
                .withNewSpec()
                .withNodeName(NODE)
                .endSpec()
                .build())
        .create();
  }

  /**
   * The lat pod's CoreAllocation as the operator writes it: container app exclusive on CPUs 4-5 of
   * NUMA node 1, side on the shared pool, charged to {@code tenant} (null: none).
   */
  public static CoreAllocation latAllocation(String podUid, String tenant) {
    CoreAllocation ca = new CoreAllocation();
    ca.setMetadata(
        new ObjectMetaBuilder().withName("lat").withNamespace("team-a").withGeneration(1L).build());
    ca.setSpec(
        new CoreAllocationSpec(
            "lat",
            podUid,
            NODE,
            1,
            tenant,
            List.of(
                new ContainerAllocation("app", CpuMode.Exclusive, "4-5", null, null),
                new ContainerAllocation("side", CpuMode.Shared, null, null, null)),
            null));
    return ca;
  }
}
