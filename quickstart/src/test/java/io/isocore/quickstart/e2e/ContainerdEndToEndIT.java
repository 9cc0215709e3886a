package io.isocore.quickstart.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationStatus;
import io.isocore.core.cpu.CpuSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end tier on a real runtime: the quickstart with {@code --runtime containerd}, pods
 * created through the API reaching this node as containers through containerd's CRI, the agent as
 * the chart's DaemonSet pod. Checks, in order: the latency pod's CoreAllocation is Applied and its
 * container's hot thread is allowed exactly its CPUs, its other threads none of them; the neighbour
 * and the agent pod stay in the shared pool; the containers' cgroups have the kubelet's layout and
 * values in every hierarchy; killing the agent's container (the stand-in restarts it) moves
 * nothing; deleting the latency pod releases its cores; stopping the quickstart leaves no cgroup,
 * mount, shim, process or containerd state behind. Root, cgroup v1 and containerd only; otherwise
 * skipped, saying why.
 */
class ContainerdEndToEndIT {

  private static final CpuSet SHARED = CpuSet.of(0);

  @TempDir Path dir;

  @Test
  void podsRunAsContainersAndIsocoreIsolatesThem() throws Exception {
    Path root = Path.of(System.getProperty("isocore.root", "..")).toAbsolutePath().normalize();
    Optional<String> unavailable = E2eHost.unavailable(root);
    unavailable.ifPresent(reason -> System.out.println("ContainerdEndToEndIT skipped: " + reason));
    assumeTrue(unavailable.isEmpty(), unavailable.orElse(""));

    Path output = dir.resolve("quickstart.out");
    Process quickstart =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--sun-misc-unsafe-memory-access=allow",
                "-jar",
                root.resolve("quickstart/target/isocore-quickstart.jar").toString(),
                "--runtime",
                "containerd",
                "--duration",
                "600s")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    String sandbox = "isocore-quickstart-" + quickstart.pid();
    Path containerdDir = root.resolve("quickstart/target/run/containerd");
    String verified;
    try {
      String api = E2eHost.printed(output, "API (http://\\S+)", quickstart);
      assertThat(Files.readString(output)).contains("runtime: containerd ");
      try (KubernetesClient client =
          new KubernetesClientBuilder()
              .withConfig(
                  new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl(api).build())
              .build()) {
        verified = runningPhase(client, sandbox);
        agentRestartMovesNothing(client, sandbox);
        deletingTheLatencyPodReleasesItsCores(client, sandbox);
      }
    } finally {
      quickstart.destroy();
      quickstart.waitFor(3, TimeUnit.MINUTES);
    }
    assertThat(E2eHost.sandboxLeft(sandbox)).as("cgroups left behind").isEmpty();
    assertThat(containerdDir).as("containerd state left behind").doesNotExist();
    assertThat(Files.readString(Path.of("/proc/self/mountinfo")))
        .as("mounts left behind")
        .doesNotContain(containerdDir.toString());
    assertThat(ProcessHandle.allProcesses())
        .as("containerd, shims or containers left running")
        .noneMatch(p -> p.info().commandLine().orElse("").contains(containerdDir.toString()));
    // The agent runs as the chart's pod (no hostPID): its verification must still see threads.
    assertThat(verified)
        .as(
            "the agent in the chart's pod shape verified no thread: in its own PID namespace"
                + " cgroup.procs lists no host pid")
        .doesNotContain("(0 threads)");
  }

  /** Placement, threads, shared pool, cgroup layout; returns the agent's verification message. */
  private static String runningPhase(KubernetesClient client, String sandbox) throws Exception {
    CoreAllocation applied =
        E2eHost.await(
            "the latency pod's CoreAllocation Applied",
            () ->
                client
                    .resources(CoreAllocation.class)
                    .inNamespace("equities-md")
                    .list()
                    .getItems()
                    .stream()
                    .filter(a -> a.getStatus() != null)
                    .filter(a -> a.getStatus().phase() == CoreAllocationStatus.Phase.Applied)
                    .findFirst());
    String latency = cgroupOf(client, "equities-md", "latency-workload", sandbox);
    String neighbour = cgroupOf(client, "batch", "noisy-neighbour", sandbox);
    String agent = cgroupOf(client, "isocore-system", "isocore-agent-" + nodeName(client), sandbox);
    // The latency pod asks for the hot thread alone (isocore.io/hot-thread): its measuring thread
    // exactly on its one exclusive CPU, its other threads on the shared pool.
    CpuSet exclusive = CpuSet.parse(applied.getSpec().containers().getFirst().cpus());
    assertThat(exclusive.size()).isEqualTo(1);
    assertThat(exclusive.contains(0)).isFalse();
    awaitHotThreadAlone(latency, exclusive);
    assertThat(E2eHost.threadCpus(neighbour)).as("neighbour threads").allMatch(SHARED::equals);
    assertThat(E2eHost.threadCpus(agent)).as("agent threads").allMatch(SHARED::equals);
    for (String cgroup : List.of(latency, neighbour, agent)) {
      assertThat(cgroup).matches(sandbox + "/kubepods/(burstable/|besteffort/)?pod[0-9a-f-]+/\\w+");
      for (String hierarchy : List.of("cpu", "cpuacct", "memory", "pids", "devices", "freezer")) {
        assertThat(E2eHost.CGROUPS.resolve(hierarchy).resolve(cgroup)).isDirectory();
      }
    }
    // The kubelet's values through the CRI: 128Mi limit and 1 CPU of shares, no cpuset of its own.
    assertThat(E2eHost.CGROUPS.resolve("memory").resolve(latency).resolve("memory.limit_in_bytes"))
        .hasContent(Long.toString(128L << 20));
    assertThat(E2eHost.CGROUPS.resolve("cpu").resolve(latency).resolve("cpu.shares"))
        .hasContent("1024");
    return applied.getStatus().message() == null ? "" : applied.getStatus().message();
  }

  private static void agentRestartMovesNothing(KubernetesClient client, String sandbox)
      throws Exception {
    String node = nodeName(client);
    String agent = cgroupOf(client, "isocore-system", "isocore-agent-" + node, sandbox);
    String latency = cgroupOf(client, "equities-md", "latency-workload", sandbox);
    CpuSet before =
        E2eHost.namedThreadCpus(latency).entrySet().stream()
            .filter(e -> e.getKey().endsWith(" isocore-hot"))
            .map(java.util.Map.Entry::getValue)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no isocore-hot thread in " + latency));
    for (long pid : E2eHost.pids(agent)) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
    E2eHost.await(
        "the agent container restarted",
        () ->
            Optional.ofNullable(
                    client
                        .pods()
                        .inNamespace("isocore-system")
                        .withName("isocore-agent-" + node)
                        .get())
                .filter(
                    p -> p.getStatus().getContainerStatuses().getFirst().getRestartCount() == 1));
    String restarted = cgroupOf(client, "isocore-system", "isocore-agent-" + node, sandbox);
    assertThat(restarted).isNotEqualTo(agent);
    // Two enforcement passes (5 s each) after the new agent's start.
    Thread.sleep(Duration.ofSeconds(25).toMillis());
    assertThat(E2eHost.namedThreadCpus(latency))
        .as("the latency pod's threads after the agent's restart")
        .matches(t -> E2eHost.hotThreadAlone(t, before));
    assertThat(E2eHost.threadCpus(cgroupOf(client, "batch", "noisy-neighbour", sandbox)))
        .allMatch(SHARED::equals);
    assertThat(E2eHost.threadCpus(restarted)).isNotEmpty().allMatch(SHARED::equals);
  }

  private static void deletingTheLatencyPodReleasesItsCores(KubernetesClient client, String sandbox)
      throws Exception {
    String latency = cgroupOf(client, "equities-md", "latency-workload", sandbox);
    client.pods().inNamespace("equities-md").withName("latency-workload").delete();
    E2eHost.await(
        "the CoreAllocation released",
        () ->
            client
                    .resources(CoreAllocation.class)
                    .inNamespace("equities-md")
                    .list()
                    .getItems()
                    .isEmpty()
                ? Optional.of(true)
                : Optional.empty());
    String podCgroup = latency.substring(0, latency.lastIndexOf('/'));
    E2eHost.await(
        "the latency pod's cgroups gone",
        () ->
            Files.exists(E2eHost.CGROUPS.resolve("cpuset").resolve(podCgroup))
                ? Optional.empty()
                : Optional.of(true));
    assertThat(E2eHost.threadCpus(cgroupOf(client, "batch", "noisy-neighbour", sandbox)))
        .allMatch(SHARED::equals);
  }

  private static String cgroupOf(KubernetesClient client, String ns, String name, String sandbox)
      throws Exception {
    Pod pod =
        E2eHost.await(
            ns + "/" + name + " running",
            () ->
                Optional.ofNullable(client.pods().inNamespace(ns).withName(name).get())
                    .filter(
                        p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null)
                    .filter(p -> !p.getStatus().getContainerStatuses().isEmpty()));
    String id = pod.getStatus().getContainerStatuses().getFirst().getContainerID();
    assertThat(id).startsWith("containerd://");
    return E2eHost.containerCgroup(sandbox, id.substring("containerd://".length()))
        .orElseThrow(() -> new AssertionError("no cgroup for " + id + " under " + sandbox));
  }

  private static String nodeName(KubernetesClient client) {
    return client.nodes().list().getItems().getFirst().getMetadata().getName();
  }

  private static void awaitHotThreadAlone(String cgroup, CpuSet exclusive) throws Exception {
    E2eHost.await(
        "the hot thread of " + cgroup + " alone on " + exclusive,
        () -> {
          try {
            return E2eHost.hotThreadAlone(E2eHost.namedThreadCpus(cgroup), exclusive)
                ? Optional.of(true)
                : Optional.empty();
          } catch (java.io.IOException e) {
            return Optional.empty();
          }
        });
  }
}
