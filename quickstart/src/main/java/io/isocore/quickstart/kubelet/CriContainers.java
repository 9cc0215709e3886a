package io.isocore.quickstart.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.isocore.quickstart.cri.v1.Capability;
import io.isocore.quickstart.cri.v1.ContainerConfig;
import io.isocore.quickstart.cri.v1.ContainerMetadata;
import io.isocore.quickstart.cri.v1.ImageSpec;
import io.isocore.quickstart.cri.v1.Int64Value;
import io.isocore.quickstart.cri.v1.KeyValue;
import io.isocore.quickstart.cri.v1.LinuxContainerConfig;
import io.isocore.quickstart.cri.v1.LinuxContainerResources;
import io.isocore.quickstart.cri.v1.LinuxContainerSecurityContext;
import io.isocore.quickstart.cri.v1.Mount;
import io.isocore.quickstart.cri.v1.NamespaceMode;
import io.isocore.quickstart.cri.v1.NamespaceOption;
import io.isocore.quickstart.cri.v1.SecurityProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a pod's container into the CRI {@code ContainerConfig} the kubelet would send: image,
 * command, environment (values and the downward API fields: the chart's, and a pod's annotations
 * and labels by key), host-path and empty-dir mounts, resources from requests and limits (no
 * cpuset), and the security context. Two additions of the stand-in, said here: the host's JDK is
 * bind-mounted read-only at {@code /opt/java/openjdk} (the images hold no JDK), and each container
 * gets {@code /isocore/out}, a host directory where the workloads write their statistics for the
 * live view.
 *
 * @param nodeName this node (spec.nodeName)
 * @param javaHome the JDK bind-mounted into every container
 * @param podsDir where pod logs, empty dirs and workload output live on the host
 * @param hostPaths rewrites a hostPath volume's path (the identity except for the agent's cgroups)
 */
public record CriContainers(
    String nodeName, Path javaHome, Path podsDir, UnaryOperator<String> hostPaths) {

  /** Where the JDK appears in containers. */
  public static final String JAVA_IN_CONTAINER = "/opt/java/openjdk";

  /** Returns the pod's log directory (CRI log_directory). */
  public Path podLogDir(Pod pod) {
    return podsDir.resolve(
        pod.getMetadata().getNamespace()
            + "_"
            + pod.getMetadata().getName()
            + "_"
            + pod.getMetadata().getUid());
  }

  /** Returns the file on this machine where the container's workload writes its statistics. */
  public Path statsFile(Pod pod, Container container) {
    return outDir(pod, container).resolve("stats");
  }

  private Path outDir(Pod pod, Container container) {
    return podLogDir(pod).resolve("out").resolve(container.getName());
  }

  /** Builds the CRI config of {@code container}. */
  public ContainerConfig config(Pod pod, Container container, int attempt) throws IOException {
    Path out = Files.createDirectories(outDir(pod, container).toAbsolutePath());
    ContainerConfig.Builder config =
        ContainerConfig.newBuilder()
            .setMetadata(
                ContainerMetadata.newBuilder().setName(container.getName()).setAttempt(attempt))
            .setImage(ImageSpec.newBuilder().setImage(container.getImage()))
            .setLogPath(container.getName() + "/" + attempt + ".log")
            .putLabels("io.kubernetes.container.name", container.getName())
            .putLabels("io.kubernetes.pod.name", pod.getMetadata().getName())
            .putLabels("io.kubernetes.pod.namespace", pod.getMetadata().getNamespace())
            .putLabels("io.kubernetes.pod.uid", pod.getMetadata().getUid());
    if (container.getCommand() != null) {
      config.addAllCommand(container.getCommand());
    }
    if (container.getArgs() != null) {
      config.addAllArgs(container.getArgs());
    }
    if (container.getEnv() != null) {
      for (EnvVar env : container.getEnv()) {
        config.addEnvs(KeyValue.newBuilder().setKey(env.getName()).setValue(value(pod, env)));
      }
    }
    // The bench's switch for the latency workload ("shared": its hot thread not alone), passed
    // from the quickstart's own environment: a stand-in addition, not the kubelet's.
    String hotThreadMode = System.getenv("ISOCORE_HOT_THREAD_MODE");
    if (hotThreadMode != null) {
      config.addEnvs(
          KeyValue.newBuilder().setKey("ISOCORE_HOT_THREAD_MODE").setValue(hotThreadMode));
    }
    config.addMounts(mount(javaHome.toString(), JAVA_IN_CONTAINER, true));
    config.addMounts(mount(out.toString(), "/isocore/out", false));
    if (container.getVolumeMounts() != null) {
      for (VolumeMount m : container.getVolumeMounts()) {
        config.addMounts(
            mount(
                hostPath(pod, m.getName()),
                m.getMountPath(),
                Boolean.TRUE.equals(m.getReadOnly())));
      }
    }
    config.setLinux(
        LinuxContainerConfig.newBuilder()
            .setResources(resources(PodResources.of(container), PodResources.qosDir(pod)))
            .setSecurityContext(security(pod, container.getSecurityContext())));
    return config.build();
  }

  private String value(Pod pod, EnvVar env) {
    if (env.getValueFrom() == null || env.getValueFrom().getFieldRef() == null) {
      return env.getValue() == null ? "" : env.getValue();
    }
    String path = env.getValueFrom().getFieldRef().getFieldPath();
    Matcher keyed = KEYED_FIELD.matcher(path);
    if (keyed.matches()) {
      Map<String, String> map =
          keyed.group(1).equals("annotations")
              ? pod.getMetadata().getAnnotations()
              : pod.getMetadata().getLabels();
      return map == null ? "" : map.getOrDefault(keyed.group(2), "");
    }
    return switch (path) {
      case "spec.nodeName" -> nodeName;
      case "metadata.namespace" -> pod.getMetadata().getNamespace();
      case "metadata.name" -> pod.getMetadata().getName();
      case "metadata.uid" -> pod.getMetadata().getUid();
      default -> "";
    };
  }

  /** The downward API's {@code metadata.annotations['KEY']} and {@code metadata.labels['KEY']}. */
  private static final Pattern KEYED_FIELD =
      Pattern.compile("metadata\\.(annotations|labels)\\['([^']+)'\\]");

  private String hostPath(Pod pod, String volumeName) throws IOException {
    Volume volume =
        pod.getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals(volumeName))
            .findFirst()
            .orElseThrow(() -> new IOException("no volume " + volumeName + " in the pod"));
    if (volume.getHostPath() != null) {
      return hostPaths.apply(volume.getHostPath().getPath());
    }
    if (volume.getEmptyDir() != null) {
      return Files.createDirectories(
              podLogDir(pod).resolve("volumes").resolve(volumeName).toAbsolutePath())
          .toString();
    }
    throw new IOException("volume " + volumeName + ": only hostPath and emptyDir are supported");
  }

  private static Mount mount(String host, String container, boolean readOnly) {
    return Mount.newBuilder()
        .setHostPath(host)
        .setContainerPath(container)
        .setReadonly(readOnly)
        .build();
  }

  private static LinuxContainerResources resources(PodResources r, String qos) {
    LinuxContainerResources.Builder b =
        LinuxContainerResources.newBuilder()
            .setCpuShares(r.cpuShares())
            .setMemoryLimitInBytes(r.memoryLimitBytes())
            .setOomScoreAdj(qos.isEmpty() ? -997 : qos.equals("besteffort/") ? 1000 : 999);
    if (r.cpuQuotaMicros() > 0) {
      b.setCpuPeriod(PodResources.CPU_PERIOD_MICROS).setCpuQuota(r.cpuQuotaMicros());
    }
    return b.build();
  }

  private static LinuxContainerSecurityContext security(Pod pod, SecurityContext sc) {
    LinuxContainerSecurityContext.Builder b =
        LinuxContainerSecurityContext.newBuilder()
            .setNamespaceOptions(
                NamespaceOption.newBuilder()
                    .setNetwork(NamespaceMode.NODE)
                    .setPid(CriRuntime.pidMode(pod))
                    .setIpc(NamespaceMode.POD));
    var podSc = pod.getSpec().getSecurityContext();
    boolean runtimeDefault =
        (sc != null && sc.getSeccompProfile() != null
                ? sc.getSeccompProfile().getType()
                : podSc != null && podSc.getSeccompProfile() != null
                    ? podSc.getSeccompProfile().getType()
                    : "Unconfined")
            .equals("RuntimeDefault");
    b.setSeccomp(
        SecurityProfile.newBuilder()
            .setProfileType(
                runtimeDefault
                    ? SecurityProfile.ProfileType.RuntimeDefault
                    : SecurityProfile.ProfileType.Unconfined));
    if (sc == null) {
      return b.build();
    }
    b.setPrivileged(Boolean.TRUE.equals(sc.getPrivileged()));
    b.setReadonlyRootfs(Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem()));
    b.setNoNewPrivs(Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation()));
    if (sc.getRunAsUser() != null) {
      b.setRunAsUser(Int64Value.newBuilder().setValue(sc.getRunAsUser()));
    }
    if (sc.getCapabilities() != null) {
      Capability.Builder caps = Capability.newBuilder();
      if (sc.getCapabilities().getAdd() != null) {
        caps.addAllAddCapabilities(sc.getCapabilities().getAdd());
      }
      if (sc.getCapabilities().getDrop() != null) {
        caps.addAllDropCapabilities(sc.getCapabilities().getDrop());
      }
      b.setCapabilities(caps);
    }
    return b.build();
  }
}
