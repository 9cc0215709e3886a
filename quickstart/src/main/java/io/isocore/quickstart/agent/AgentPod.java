package io.isocore.quickstart.agent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The node agent's pod on this node, as the DaemonSet controller would create it from the chart's
 * template: same labels, securityContext, host mounts, environment and resources. The quickstart
 * adds what a cluster would provide otherwise, each listed here:
 *
 * <ul>
 *   <li>the API server's address (in a cluster: the in-cluster service account config);
 *   <li>{@code ISOCORE_ENFORCE_CGROUP_ROOT=/isocore/cgroup-root}, a read-only mount whose {@code
 *       cpuset} and {@code cpu} entries point into the chart's own {@code /host/sys/fs/cgroup}
 *       mounts at the sandbox, so the agent writes nothing outside it;
 *   <li>the agent's quarkus-app bind-mounted read-only at {@code /deployments} (the image's layer
 *       in a release) and a 5 s enforcement interval;
 *   <li>the hostPath {@code /var/lib/isocore} mapped to the run directory ({@link #hostPaths}).
 * </ul>
 */
public final class AgentPod {

  /** Where the cgroup root the agent enforces in appears in its container. */
  public static final String CGROUP_ROOT = "/isocore/cgroup-root";

  private AgentPod() {}

  /**
   * Builds the pod.
   *
   * @param daemonSet the chart's rendered DaemonSet
   * @param node this node
   * @param apiUrl the embedded API server
   * @param cgroupRoot the host directory mounted at {@link #CGROUP_ROOT}
   * @param quarkusApp node-agent/target/quarkus-app
   */
  public static Pod build(
      DaemonSet daemonSet, String node, String apiUrl, Path cgroupRoot, Path quarkusApp) {
    PodSpec spec = daemonSet.getSpec().getTemplate().getSpec();
    spec.setNodeName(node);
    Container agent = spec.getContainers().getFirst();
    List<EnvVar> env = new ArrayList<>(agent.getEnv());
    Map.of(
            "QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", apiUrl,
            "QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true",
            "QUARKUS_KUBERNETES_CLIENT_NAMESPACE", "isocore-system",
            "QUARKUS_KUBERNETES_CLIENT_REQUEST_TIMEOUT", "30s",
            "ISOCORE_ENFORCE_CGROUP_ROOT", CGROUP_ROOT,
            "ISOCORE_ENFORCE_INTERVAL", "5s")
        .forEach((name, value) -> env.add(new EnvVar(name, value, null)));
    agent.setEnv(env);
    agent
        .getVolumeMounts()
        .add(
            new VolumeMountBuilder()
                .withName("isocore-cgroup-root")
                .withMountPath(CGROUP_ROOT)
                .withReadOnly(true)
                .build());
    agent
        .getVolumeMounts()
        .add(
            new VolumeMountBuilder()
                .withName("quarkus-app")
                .withMountPath("/deployments")
                .withReadOnly(true)
                .build());
    spec.getVolumes()
        .add(
            new VolumeBuilder()
                .withName("isocore-cgroup-root")
                .withNewHostPath()
                .withPath(cgroupRoot.toString())
                .endHostPath()
                .build());
    spec.getVolumes()
        .add(
            new VolumeBuilder()
                .withName("quarkus-app")
                .withNewHostPath()
                .withPath(quarkusApp.toString())
                .endHostPath()
                .build());
    return new PodBuilder()
        .withNewMetadata()
        .withName(daemonSet.getMetadata().getName() + "-" + node)
        .withNamespace(daemonSet.getMetadata().getNamespace())
        .withLabels(daemonSet.getSpec().getTemplate().getMetadata().getLabels())
        .withAnnotations(daemonSet.getSpec().getTemplate().getMetadata().getAnnotations())
        .endMetadata()
        .withSpec(spec)
        .build();
  }

  /** Maps the chart's state hostPath into the run directory; every other path is the host's. */
  public static UnaryOperator<String> hostPaths(Path stateDir) {
    return path -> path.equals("/var/lib/isocore") ? stateDir.toString() : path;
  }
}
