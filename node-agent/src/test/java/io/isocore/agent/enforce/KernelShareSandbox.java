package io.isocore.agent.enforce;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.isocore.agent.cgroup.CgroupV1Cpuset;
import io.isocore.agent.cgroup.ThreadAffinityReader;
import io.isocore.agent.host.HostRoot;
import io.isocore.api.v1alpha1.ContainerAllocation;
import io.isocore.api.v1alpha1.ContainerAllocation.CpuMode;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.CoreAllocationSpec;
import io.isocore.api.v1alpha1.TicketTransfer;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.enforce.ShareWeighting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Three latency pods on the real kernel, cgroup v1, laid out as the kubelet lays them out (cgroupfs
 * driver, containerd naming): {@code kubepods/burstable/pod<uid>/<id>} in the cpuset, cpu and
 * cpuacct hierarchies, under a sandbox cgroup {@code isocore-fairness-<random>} of each, with the
 * kubelet's {@code cpu.shares} (500m requested: 512 per pod and container, 1536 for burstable).
 * Pods {@code a} (tenant A, 300 tickets) and {@code b} (B, 100) each run one CPU-bound thread; pod
 * {@code c} (C, 200) sleeps and may lend its tickets to {@code b}. The agent's own path does the
 * rest: CoreAllocations and pods go through {@link DesiredAllocationMapper} and {@link
 * AllocationEnforcer} on a {@link CgroupV1Cpuset} rooted at links to the sandboxes, whose only
 * online CPU is the shared one, so every pod runs on that one CPU. Nothing outside the sandboxes is
 * touched; {@link #close} kills the processes and removes every cgroup it made.
 */
public final class KernelShareSandbox implements AutoCloseable {

  /** The pods and their tenants' tickets. */
  public static final Map<String, Long> TICKETS = Map.of("a", 300L, "b", 100L, "c", 200L);

  private static final Path CGROUPFS = Path.of("/sys/fs/cgroup");
  private static final List<String> PODS = List.of("a", "b", "c");

  private final String name = "isocore-fairness-" + UUID.randomUUID().toString().substring(0, 8);
  private final Path links;
  private final List<Path> hierarchies = new ArrayList<>(); // cpuset, cpu[, cpuacct]
  private final Path cpuacct;
  private final List<String> made = new ArrayList<>(); // relative cgroups, parents first
  private final Map<String, String> uid = new LinkedHashMap<>();
  private final Map<String, String> hex = new LinkedHashMap<>();
  private final List<Process> processes = new ArrayList<>();
  private final AllocationEnforcer enforcer;
  private final int cpu;

  /** Why the sandbox cannot run here, or empty. */
  public static Optional<String> unavailable() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of(
          "needs root to create cgroups (running as " + System.getProperty("user.name") + ")");
    }
    for (String h : List.of("cpuset", "cpuacct")) {
      if (!Files.isWritable(CGROUPFS.resolve(h).resolve("cgroup.procs"))) {
        return Optional.of("no writable cgroup v1 " + h + " hierarchy at " + CGROUPFS.resolve(h));
      }
    }
    if (!Files.exists(cpuHierarchy().resolve("cpu.shares"))) {
      return Optional.of("no cgroup v1 cpu hierarchy with cpu.shares under " + CGROUPFS);
    }
    return Optional.empty();
  }

  private static Path cpuHierarchy() {
    return Files.isDirectory(CGROUPFS.resolve("cpu"))
        ? CGROUPFS.resolve("cpu")
        : CGROUPFS.resolve("cpu,cpuacct");
  }

  /** Creates the sandboxes, the pod cgroups and the processes, and runs a first pass. */
  public KernelShareSandbox() throws IOException, InterruptedException {
    Path cpusetRoot = CGROUPFS.resolve("cpuset");
    Path cpuRoot = cpuHierarchy();
    Path acctRoot = CGROUPFS.resolve("cpuacct");
    hierarchies.add(cpusetRoot.resolve(name));
    hierarchies.add(cpuRoot.resolve(name));
    boolean separate = !acctRoot.toRealPath().equals(cpuRoot.toRealPath());
    if (separate) {
      hierarchies.add(acctRoot.resolve(name));
    }
    cpuacct = separate ? hierarchies.get(2) : hierarchies.get(1);
    CpuSet online = CpuSet.parse(read(cpusetRoot.resolve("cpuset.effective_cpus")));
    cpu = online.last();
    try {
      for (Path h : hierarchies) {
        Files.createDirectory(h);
      }
      made.add("");
      write(hierarchies.get(0).resolve("cpuset.cpus"), Integer.toString(cpu));
      write(
          hierarchies.get(0).resolve("cpuset.mems"),
          read(cpusetRoot.resolve("cpuset.effective_mems")));
      links = Files.createTempDirectory(name);
      Files.createSymbolicLink(links.resolve("cpuset"), hierarchies.get(0));
      Files.createSymbolicLink(links.resolve("cpu"), hierarchies.get(1));
      mkdir("kubepods");
      mkdir("kubepods/burstable");
      write(hierarchies.get(1).resolve("kubepods/burstable/cpu.shares"), "1536");
      for (String pod : PODS) {
        uid.put(pod, UUID.randomUUID().toString());
        hex.put(pod, (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", ""));
        mkdir(podCgroup(pod));
        mkdir(podCgroup(pod) + "/" + hex.get(pod));
        write(hierarchies.get(1).resolve(podCgroup(pod)).resolve("cpu.shares"), "512");
        write(
            hierarchies.get(1).resolve(podCgroup(pod) + "/" + hex.get(pod)).resolve("cpu.shares"),
            "512");
      }
      enforcer =
          new AllocationEnforcer(
              new CgroupV1Cpuset(links),
              new ThreadAffinityReader(Path.of("/proc")),
              new NodeHugepages(HostRoot.SLASH),
              Optional.empty());
      enforce(ShareWeighting.CONTAINER, false); // the cpusets, before any task can join
      for (String pod : PODS) {
        Process p =
            new ProcessBuilder(
                    "sh", "-c", pod.equals("c") ? "exec sleep 100000" : "while :; do :; done")
                .start();
        processes.add(p);
        for (Path h : hierarchies) {
          write(
              h.resolve(podCgroup(pod) + "/" + hex.get(pod)).resolve("cgroup.procs"),
              Long.toString(p.pid()));
        }
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The one CPU every pod runs on. */
  public int cpu() {
    return cpu;
  }

  /** The pod cgroup of {@code pod}, relative to the sandbox. */
  public String podCgroup(String pod) {
    return "kubepods/burstable/pod" + uid.get(pod);
  }

  /**
   * Runs one agent pass: CoreAllocations and pods through the agent's mapper and enforcer.
   *
   * @param mode the profile's share weighting
   * @param transfer whether pod c lends its 200 tickets to pod b
   */
  public EnforcementReport enforce(ShareWeighting mode, boolean transfer) {
    List<CoreAllocation> allocations = new ArrayList<>();
    for (String pod : PODS) {
      allocations.add(allocation(pod, pod.equals("c") && transfer));
    }
    List<DesiredAllocation> desired = new ArrayList<>();
    for (CoreAllocation ca : allocations) {
      String pod = ca.getSpec().podName();
      var mapped =
          DesiredAllocationMapper.map(
              ca, Optional.of(pod(pod)), allocations, t -> OptionalLong.of(TICKETS.get(t)));
      if (!(mapped instanceof DesiredAllocationMapper.Enforce e)) {
        throw new IllegalStateException("allocation " + pod + " not enforceable: " + mapped);
      }
      desired.add(e.allocation());
    }
    CpuSet one = CpuSet.of(cpu);
    CpuSet mems = CpuSet.parse(read(hierarchies.get(0).resolve("cpuset.mems")));
    NodeCpus cpus = new NodeCpus(one, mems, CpuSet.empty(), Map.of(mems.first(), one));
    return enforcer.reconcile(new DesiredNode(cpus, Optional.empty(), desired, mode));
  }

  /** The pod cgroup's {@code cpu.shares}. */
  public long podShares(String pod) {
    return Long.parseLong(read(hierarchies.get(1).resolve(podCgroup(pod)).resolve("cpu.shares")));
  }

  /** CPU time of each pod cgroup ({@code cpuacct.usage}, ns) over {@code window}. */
  public Map<String, Long> measure(Duration window) throws InterruptedException {
    Map<String, Long> before = usage();
    Thread.sleep(window);
    Map<String, Long> after = usage();
    Map<String, Long> used = new LinkedHashMap<>();
    for (String pod : PODS) {
      used.put(pod, after.get(pod) - before.get(pod));
    }
    return used;
  }

  private Map<String, Long> usage() {
    Map<String, Long> usage = new LinkedHashMap<>();
    for (String pod : PODS) {
      usage.put(
          pod, Long.parseLong(read(cpuacct.resolve(podCgroup(pod)).resolve("cpuacct.usage"))));
    }
    return usage;
  }

  private CoreAllocation allocation(String pod, boolean lends) {
    CoreAllocation ca = new CoreAllocation();
    ca.setMetadata(
        new ObjectMetaBuilder()
            .withName(pod)
            .withNamespace("bench")
            .withGeneration(1L)
            .withCreationTimestamp("2026-01-01T00:00:0" + PODS.indexOf(pod) + "Z")
            .build());
    ca.setSpec(
        new CoreAllocationSpec(
            pod,
            uid.get(pod),
            "node",
            0,
            pod,
            List.of(new ContainerAllocation("main", CpuMode.Shared, null, null, null)),
            lends ? new TicketTransfer("bench", "b", TICKETS.get("c").intValue()) : null));
    return ca;
  }

  private Pod pod(String pod) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(pod)
        .withNamespace("bench")
        .withUid(uid.get(pod))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("main")
        .withNewResources()
        .addToRequests("cpu", new Quantity("500m"))
        .endResources()
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .withQosClass("Burstable")
        .addNewContainerStatus()
        .withName("main")
        .withContainerID("containerd://" + hex.get(pod))
        .endContainerStatus()
        .endStatus()
        .build();
  }

  private void mkdir(String cgroup) throws IOException {
    for (Path h : hierarchies) {
      Files.createDirectory(h.resolve(cgroup));
    }
    made.add(cgroup);
  }

  /** Kills the processes, then removes the cgroups children first, then the links. */
  @Override
  public void close() throws InterruptedException {
    for (Process p : processes) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    for (int i = made.size() - 1; i >= 0; i--) {
      for (Path h : hierarchies) {
        Path dir = made.get(i).isEmpty() ? h : h.resolve(made.get(i));
        try {
          Files.deleteIfExists(dir); // rmdir of a cgroup: the kernel drops its files with it
        } catch (IOException e) {
          System.err.println("could not remove " + dir + ": " + e);
        }
      }
    }
    if (links != null) {
      try {
        Files.deleteIfExists(links.resolve("cpuset"));
        Files.deleteIfExists(links.resolve("cpu"));
        Files.deleteIfExists(links);
      } catch (IOException e) {
        System.err.println("could not remove " + links + ": " + e);
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw new IllegalStateException("reading " + file + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, String value) throws IOException {
    Files.writeString(file, value);
  }
}
