package io.isocore.quickstart;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.IsolatedCpus;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.IsolationProfileSpec;
import io.isocore.api.v1alpha1.JitterProbeSpec;
import io.isocore.api.v1alpha1.LatencyTenant;
import io.isocore.core.cpu.CpuSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The objects the quickstart applies, and the default scheduler's part it stands in for. */
final class QuickstartObjects {

  /**
   * The lowest isolated CPU of the quickstart profile (CPUs 1..n-1): the one the latency pod takes
   * on a 2-CPU machine, and the one the agent's jitter probe measures first.
   */
  static final int FIRST_ISOLATED_CPU = 1;

  static final List<String> NAMESPACES =
      List.of("isocore-system", "equities-md", "equities-oms", "fx", "batch");

  private QuickstartObjects() {}

  /** Creates the namespaces, the quickstart profile and the example tenants. */
  static void apply(KubernetesClient client, Path root) throws IOException {
    for (String ns : NAMESPACES) {
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
    }
    client.resource(profile()).create();
    for (String file : List.of("latencytenant.yaml", "latencytenant-fx.yaml")) {
      try (InputStream in = Files.newInputStream(root.resolve("examples").resolve(file))) {
        client.resource(Serialization.unmarshal(in, LatencyTenant.class)).create();
      }
    }
  }

  /** Creates the example pods (for the default scheduler when isocore does not isolate). */
  static void createPods(KubernetesClient client, Path root, boolean isolation) throws IOException {
    for (String file : List.of("latency-workload.yaml", "noisy-neighbour.yaml")) {
      try (InputStream in =
          Files.newInputStream(root.resolve("examples/quickstart").resolve(file))) {
        Pod pod = Serialization.unmarshal(in, Pod.class);
        if (!isolation) {
          pod.getSpec().setSchedulerName(null);
        }
        client.resource(pod).create();
      }
    }
  }

  private static IsolationProfile profile() {
    int cpus = Runtime.getRuntime().availableProcessors();
    IsolationProfile profile = new IsolationProfile();
    profile.getMetadata().setName("quickstart");
    profile.setSpec(
        new IsolationProfileSpec(
            Map.of("isocore.io/enabled", "true"),
            "0",
            new IsolatedCpus(
                IsolatedCpus.Source.Explicit,
                CpuSet.range(FIRST_ISOLATED_CPU, Math.max(FIRST_ISOLATED_CPU, cpus - 1))
                    .toString()),
            IsolationProfileSpec.SmtPolicy.FullCores,
            IsolationProfileSpec.NumaPolicy.SingleNodeRequired,
            false,
            IsolationProfileSpec.UnallocatedPolicy.Idle,
            // Probe on: one 5 s window per CPU every 300 s, so the idle isolated CPU is measured
            // once before the latency pod takes it (the "before" the quickstart shows).
            new JitterProbeSpec(true, 300, 5, 1000L),
            null));
    return profile;
  }

  /** Stands in for the default scheduler: binds pods that are not isocore's to this node. */
  static void bindDefaultScheduledPods(KubernetesClient client, String node) {
    for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
      if (pod.getSpec().getNodeName() == null
          && !"isocore".equals(pod.getSpec().getSchedulerName())) {
        Binding binding =
            new BindingBuilder()
                .withNewMetadata()
                .withName(pod.getMetadata().getName())
                .withNamespace(pod.getMetadata().getNamespace())
                .withUid(pod.getMetadata().getUid())
                .endMetadata()
                .withNewTarget()
                .withKind("Node")
                .withName(node)
                .endTarget()
                .build();
        try {
          client
              .bindings()
              .inNamespace(pod.getMetadata().getNamespace())
              .resource(binding)
              .create();
        } catch (KubernetesClientException e) {
          if (e.getCode() != 409) {
            throw e;
          }
          // Bound already (the default scheduler's stand-in saw the pod before the bind landed).
        }
      }
    }
  }

  static List<CoreAllocation> allocations(KubernetesClient client) {
    return client.resources(CoreAllocation.class).inAnyNamespace().list().getItems();
  }
}
