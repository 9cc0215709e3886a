package io.isocore.quickstart.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.isocore.api.v1alpha1.ContainerAllocation;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.core.cpu.CpuSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cpusets before the first instruction, on real containers (the quickstart's containerd with
 * isocore's start hook; its CRI stand-in sends no cpuset, as the kubelet's default policy does
 * not). A pod with an exclusive container and a shared sidecar, both of whose workloads are one
 * shell that reads its own {@code /proc/self/status} first and exits (the stand-in restarts them
 * once a second): 20 of 20 starts of the exclusive container record exactly its allocated CPUs, 20
 * of 20 starts of the sidecar exactly the shared pool, and the pod's sandbox (pause) runs on the
 * shared pool. The exclusive container also reads its CPUs from a downward-API env var, which the
 * Binding's annotation put on the pod. Before that, the quickstart's latency pod, which asks for
 * the hot thread alone: its measuring thread exactly on its exclusive CPU, every other thread of
 * the pod off it. Root, cgroup v1 and containerd only; otherwise skipped.
 */
class StartPinIT {

  private static final CpuSet SHARED = CpuSet.of(0);
  private static final int STARTS = 20;
  private static final String NS = "equities-md";
  private static final String POD = "start-probe";

  @TempDir Path dir;

  @Test
  void everyContainerStartsOnItsAllocatedCpus() throws Exception {
    Path root = Path.of(System.getProperty("isocore.root", "..")).toAbsolutePath().normalize();
    Optional<String> unavailable = E2eHost.unavailable(root);
    unavailable.ifPresent(reason -> System.out.println("StartPinIT skipped: " + reason));
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
    try {
      String api = E2eHost.printed(output, "API (http://\\S+)", quickstart);
      try (KubernetesClient client =
          new KubernetesClientBuilder()
              .withConfig(
                  new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl(api).build())
              .build()) {
        // The quickstart's latency pod asks for the hot thread alone.
        hotThreadAlone(client, sandbox);
        // It holds the one isolated CPU: free it for the probe pod.
        client.pods().inNamespace(NS).withName("latency-workload").delete();
        E2eHost.await(
            "the latency pod's CoreAllocation released",
            () ->
                allocation(client, "latency-workload").isEmpty()
                    ? Optional.of(true)
                    : Optional.empty());
        client.resource(probePod()).create();
        CpuSet exclusive =
            E2eHost.await(
                "the probe pod's CoreAllocation",
                () ->
                    allocation(client, POD)
                        .flatMap(
                            a ->
                                a.getSpec().containers().stream()
                                    .filter(c -> c.name().equals("engine"))
                                    .map(ContainerAllocation::cpus)
                                    .findFirst())
                        .map(CpuSet::parse));
        assertThat(exclusive.size()).isEqualTo(1);
        assertThat(exclusive.intersects(SHARED)).isFalse();
        Path pods = root.resolve("quickstart/target/run/pods");
        List<String> engine = awaitStarts(pods, "engine");
        List<String> sidecar = awaitStarts(pods, "sidecar");
        assertThat(engine.subList(0, STARTS))
            .as("the exclusive container's first read of /proc/self/status, start by start")
            .allMatch(line -> line.equals("Cpus_allowed_list:\t" + exclusive.toListString()));
        assertThat(sidecar.subList(0, STARTS))
            .as("the sidecar's first read of /proc/self/status, start by start")
            .allMatch(line -> line.equals("Cpus_allowed_list:\t" + SHARED.toListString()));
        assertThat(Files.readAllLines(outDir(pods, "engine").resolve("env")).getFirst())
            .as("the exclusive CPUs through the downward API (the Binding's annotation)")
            .isEqualTo("ISOCORE_EXCLUSIVE_CPUS=" + exclusive.toListString());
        String uid = client.pods().inNamespace(NS).withName(POD).get().getMetadata().getUid();
        // The runtime pinned the sandbox too (isocore-runc: containerd 1.6 builds sandboxes
        // without its base_runtime_spec) and every container (the hook, and isocore-runc).
        assertThat(Files.readAllLines(root.resolve("quickstart/target/run/pin-hook.log")))
            .anyMatch(l -> l.startsWith("pod=" + uid + " type=sandbox name=- cpus=" + SHARED))
            .anyMatch(
                l -> l.startsWith("pod=" + uid + " type=container name=engine cpus=" + exclusive))
            .anyMatch(
                l -> l.startsWith("pod=" + uid + " type=container name=sidecar cpus=" + SHARED));
        assertThat(pauseCpus(sandbox, uid))
            .as("the pod sandbox's threads")
            .isNotEmpty()
            .allMatch(SHARED::equals);
      }
    } finally {
      quickstart.destroy();
      quickstart.waitFor(3, TimeUnit.MINUTES);
    }
  }

  /**
   * The latency pod ({@code isocore.io/hot-thread: engine}): its measuring thread exactly on the
   * exclusive CPUs, every other thread of the pod (the JVM's GC and JIT threads, the pause) off
   * them, read per thread from {@code /proc/<pid>/task/<tid>/status}.
   */
  private static void hotThreadAlone(KubernetesClient client, String sandbox) throws Exception {
    CpuSet exclusive =
        E2eHost.await(
            "the latency pod's CoreAllocation",
            () ->
                allocation(client, "latency-workload")
                    .flatMap(a -> a.getSpec().containers().stream().findFirst())
                    .map(ContainerAllocation::cpus)
                    .map(CpuSet::parse));
    String uid =
        E2eHost.await(
                "the latency pod running",
                () ->
                    Optional.ofNullable(
                            client.pods().inNamespace(NS).withName("latency-workload").get())
                        .filter(p -> p.getStatus() != null)
                        .filter(p -> "Running".equals(p.getStatus().getPhase())))
            .getMetadata()
            .getUid();
    Map<String, CpuSet> threads =
        E2eHost.await(
            "the hot thread alone on " + exclusive,
            () -> {
              Map<String, CpuSet> t = podThreads(sandbox, uid);
              boolean hotAlone =
                  t.entrySet().stream()
                      .filter(e -> e.getKey().endsWith(" isocore-hot"))
                      .anyMatch(e -> e.getValue().equals(exclusive));
              boolean othersOff =
                  t.entrySet().stream()
                      .filter(e -> !e.getKey().endsWith(" isocore-hot"))
                      .noneMatch(e -> e.getValue().intersects(exclusive));
              return hotAlone && othersOff && t.size() > 5 ? Optional.of(t) : Optional.empty();
            });
    assertThat(threads.entrySet().stream().filter(e -> e.getKey().endsWith(" isocore-hot")))
        .as("the hot thread")
        .hasSize(1)
        .allMatch(e -> e.getValue().equals(exclusive));
    assertThat(threads.entrySet().stream().filter(e -> !e.getKey().endsWith(" isocore-hot")))
        .as("every other thread of the pod")
        .hasSizeGreaterThan(5)
        .allMatch(e -> !e.getValue().intersects(exclusive) && !e.getValue().isEmpty());
    quotaLifted(sandbox, uid);
  }

  /**
   * The kubelet stand-in wrote the latency pod's CPU limit as a CFS quota on the pod and its
   * containers; the agent lifts it from the exclusive container and the pod, or the busy other
   * threads on the shared pool would spend it and the kernel would throttle the hot thread too.
   * Over two seconds of the pod's life no period of any of its cgroups is throttled.
   */
  private static void quotaLifted(String sandbox, String uid) throws Exception {
    Path pod;
    try (Stream<Path> dirs = Files.walk(E2eHost.CGROUPS.resolve("cpu").resolve(sandbox))) {
      pod =
          dirs.filter(d -> d.getFileName().toString().equals("pod" + uid))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no cpu cgroup of pod " + uid));
    }
    E2eHost.await(
        "the CFS quota lifted from the latency pod",
        () -> quota(pod) == -1 ? Optional.of(true) : Optional.empty());
    List<Path> cgroups;
    try (Stream<Path> dirs = Files.walk(pod)) {
      cgroups = dirs.filter(Files::isDirectory).toList();
    }
    long before = throttled(cgroups);
    Thread.sleep(2_000);
    assertThat(throttled(cgroups) - before)
        .as("periods throttled in the latency pod's cgroups over 2 s")
        .isZero();
  }

  private static long quota(Path cgroup) {
    try {
      return Long.parseLong(Files.readString(cgroup.resolve("cpu.cfs_quota_us")).strip());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long throttled(List<Path> cgroups) throws IOException {
    long sum = 0;
    for (Path c : cgroups) {
      for (String line : Files.readAllLines(c.resolve("cpu.stat"))) {
        if (line.startsWith("nr_throttled ")) {
          sum += Long.parseLong(line.substring("nr_throttled ".length()).strip());
        }
      }
    }
    return sum;
  }

  /** Every thread of the pod: {@code "<tid> <comm>"} to its allowed CPUs. */
  private static Map<String, CpuSet> podThreads(String sandbox, String uid) {
    Map<String, CpuSet> threads = new java.util.TreeMap<>();
    Path cpuset = E2eHost.CGROUPS.resolve("cpuset");
    try (Stream<Path> files = Files.walk(cpuset.resolve(sandbox).resolve("kubepods"))) {
      for (Path procs :
          files
              .filter(f -> f.getFileName().toString().equals("cgroup.procs"))
              .filter(f -> f.getParent().getParent().getFileName().toString().equals("pod" + uid))
              .toList()) {
        for (String pid : Files.readAllLines(procs)) {
          try (Stream<Path> tasks = Files.list(Path.of("/proc", pid.trim(), "task"))) {
            for (Path task : tasks.toList()) {
              String comm = Files.readString(task.resolve("comm")).trim();
              io.isocore.core.telemetry.ThreadStatus.parse(Files.readString(task.resolve("status")))
                  .cpusAllowed()
                  .ifPresent(c -> threads.put(task.getFileName() + " " + comm, c));
            }
          }
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      return Map.of(); // a thread or process exited while being read: read again
    }
    return threads;
  }

  /** Two containers whose workload's first act is to record its own allowed CPUs, then exit. */
  private static Pod probePod() {
    String first = "grep Cpus_allowed_list: /proc/self/status >> /isocore/out/starts";
    return new PodBuilder()
        .withNewMetadata()
        .withName(POD)
        .withNamespace(NS)
        .endMetadata()
        .withNewSpec()
        .withSchedulerName("isocore")
        .addNewContainer()
        .withName("engine")
        .withImage("isocore.local/jvm-base:quickstart")
        .withCommand(
            "/bin/sh",
            "-c",
            first + "; echo ISOCORE_EXCLUSIVE_CPUS=$ISOCORE_EXCLUSIVE_CPUS > /isocore/out/env")
        .addNewEnv()
        .withName("ISOCORE_EXCLUSIVE_CPUS")
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath("metadata.annotations['isocore.io/exclusive-cpus.engine']")
        .endFieldRef()
        .endValueFrom()
        .endEnv()
        .withNewResources()
        .withRequests(Map.of("cpu", new Quantity("1"), "memory", new Quantity("32Mi")))
        .withLimits(Map.of("cpu", new Quantity("1"), "memory", new Quantity("32Mi")))
        .endResources()
        .endContainer()
        .addNewContainer()
        .withName("sidecar")
        .withImage("isocore.local/jvm-base:quickstart")
        .withCommand("/bin/sh", "-c", first)
        .withNewResources()
        .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("32Mi")))
        .endResources()
        .endContainer()
        .endSpec()
        .build();
  }

  private static Optional<CoreAllocation> allocation(KubernetesClient client, String pod) {
    return client.resources(CoreAllocation.class).inNamespace(NS).list().getItems().stream()
        .filter(a -> a.getSpec() != null && pod.equals(a.getSpec().podName()))
        .findFirst();
  }

  private static Path outDir(Path pods, String container) throws IOException {
    try (Stream<Path> dirs = Files.list(pods)) {
      Path pod =
          dirs.filter(d -> d.getFileName().toString().startsWith(NS + "_" + POD + "_"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no pod directory of " + POD + " in " + pods));
      return pod.resolve("out").resolve(container);
    }
  }

  private static List<String> awaitStarts(Path pods, String container) throws Exception {
    return E2eHost.await(
        STARTS + " starts of " + container,
        () -> {
          try {
            Path starts = outDir(pods, container).resolve("starts");
            List<String> lines = Files.exists(starts) ? Files.readAllLines(starts) : List.of();
            return lines.size() >= STARTS ? Optional.of(lines) : Optional.empty();
          } catch (IOException | AssertionError e) {
            return Optional.empty();
          }
        });
  }

  /** The allowed CPUs of the threads of the pod's pause process (its one long-lived process). */
  private static List<CpuSet> pauseCpus(String sandbox, String uid) throws IOException {
    Path kubepods = E2eHost.CGROUPS.resolve("cpuset").resolve(sandbox).resolve("kubepods");
    try (Stream<Path> procs = Files.walk(kubepods)) {
      for (Path p :
          procs
              .filter(f -> f.getFileName().toString().equals("cgroup.procs"))
              .filter(f -> f.getParent().getParent().getFileName().toString().equals("pod" + uid))
              .toList()) {
        for (String pid : Files.readAllLines(p)) {
          if (cmdline(pid.trim()).contains("trap 'exit 0' TERM INT")) {
            return E2eHost.threadCpus(
                E2eHost.CGROUPS.resolve("cpuset").relativize(p.getParent()).toString());
          }
        }
      }
    }
    return List.of();
  }

  private static String cmdline(String pid) {
    try {
      return Files.readString(Path.of("/proc", pid, "cmdline")).replace('\0', ' ');
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
