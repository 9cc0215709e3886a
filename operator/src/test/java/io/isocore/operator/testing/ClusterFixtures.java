package io.isocore.operator.testing;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.isocore.api.v1alpha1.CacheGroupInfo;
import io.isocore.api.v1alpha1.CoreInfo;
import io.isocore.api.v1alpha1.CpuInfo;
import io.isocore.api.v1alpha1.HugepageInfo;
import io.isocore.api.v1alpha1.IsolatedCpus;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.IsolationProfileSpec;
import io.isocore.api.v1alpha1.KernelIsolation;
import io.isocore.api.v1alpha1.LatencyTenant;
import io.isocore.api.v1alpha1.LatencyTenantSpec;
import io.isocore.api.v1alpha1.NicInfo;
import io.isocore.api.v1alpha1.NodeTopology;
import io.isocore.api.v1alpha1.NodeTopologySpec;
import io.isocore.api.v1alpha1.NodeTopologyStatus;
import io.isocore.api.v1alpha1.NumaNodeInfo;
import io.isocore.api.v1alpha1.SocketInfo;
import io.isocore.core.cpu.CpuSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builders for the objects the scheduler tests create through the API: nodes, synthetic
 * NodeTopologies (Linux CPU numbering: thread t of core k is CPU k + t x cores), profiles, tenants
 * and latency pods.
 */
public final class ClusterFixtures {
  private ClusterFixtures() {}

  /** A node with generous allocatable resources and the label isocore.io/latency=true. */
  public static Node node(String name, int cpus) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(Map.of("isocore.io/latency", "true", "kubernetes.io/hostname", name))
        .endMetadata()
        .withNewSpec()
        .endSpec()
        .withNewStatus()
        .withAllocatable(
            Map.of(
                "cpu", new Quantity(Integer.toString(cpus)),
                "memory", new Quantity("256Gi"),
                "hugepages-1Gi", new Quantity("64Gi"),
                "hugepages-2Mi", new Quantity("8Gi"),
                "pods", new Quantity("110")))
        .endStatus()
        .build();
  }

  /**
   * A NodeTopology: {@code sockets x numaPerSocket} NUMA nodes of {@code coresPerNuma} cores with
   * {@code threads} SMT siblings; the first core of each socket is housekeeping, every other CPU
   * isolated by the kernel; 8 x 1Gi and 1024 x 2Mi hugepages per NUMA node; NIC ens1f0 on NUMA node
   * 1 (or 0 on single-NUMA machines).
   */
  public static NodeTopology topology(
      String name, int sockets, int numaPerSocket, int coresPerNuma, int threads) {
    int numaCount = sockets * numaPerSocket;
    int totalCores = numaCount * coresPerNuma;
    List<SocketInfo> socketInfos = new ArrayList<>();
    List<NumaNodeInfo> numaInfos = new ArrayList<>();
    List<CoreInfo> cores = new ArrayList<>();
    List<CpuInfo> cpus = new ArrayList<>();
    List<CacheGroupInfo> l3 = new ArrayList<>();
    CpuSet reserved = CpuSet.empty();
    for (int s = 0; s < sockets; s++) {
      CpuSet socketCpus = CpuSet.empty();
      List<Integer> socketNumas = new ArrayList<>();
      for (int n = s * numaPerSocket; n < (s + 1) * numaPerSocket; n++) {
        socketNumas.add(n);
        CpuSet numaCpus = CpuSet.empty();
        for (int c = n * coresPerNuma; c < (n + 1) * coresPerNuma; c++) {
          CpuSet coreCpus = CpuSet.empty();
          for (int t = 0; t < threads; t++) {
            int cpu = c + t * totalCores;
            coreCpus = coreCpus.with(cpu);
            cpus.add(new CpuInfo(cpu, c, s, 0, -1, n, n));
          }
          cores.add(new CoreInfo(c, s, 0, n, c - n * coresPerNuma, coreCpus.toListString(), n));
          numaCpus = numaCpus.union(coreCpus);
          if (c == s * numaPerSocket * coresPerNuma) {
            reserved = reserved.union(coreCpus);
          }
        }
        socketCpus = socketCpus.union(numaCpus);
        List<Integer> distances = new ArrayList<>();
        for (int m = 0; m < numaCount; m++) {
          distances.add(m == n ? 10 : 21);
        }
        numaInfos.add(
            new NumaNodeInfo(
                n,
                numaCpus.toListString(),
                64L << 30,
                48L << 30,
                distances,
                List.of(
                    new HugepageInfo("1Gi", 8L, 8L, 0L),
                    new HugepageInfo("2Mi", 1024L, 1024L, 0L))));
        l3.add(new CacheGroupInfo(n, numaCpus.toListString()));
      }
      socketInfos.add(new SocketInfo(s, socketCpus.toListString(), List.of(0), socketNumas));
    }
    CpuSet online = CpuSet.range(0, totalCores * threads - 1);
    CpuSet isolated = online.minus(reserved);
    NodeTopologyStatus status =
        new NodeTopologyStatus(
            socketInfos,
            numaInfos,
            cores,
            cpus,
            l3,
            online.toListString(),
            "",
            new KernelIsolation(
                isolated.toListString(),
                List.of("domain", "managed_irq"),
                isolated.toListString(),
                isolated.toListString(),
                reserved.toListString(),
                reserved.toListString(),
                List.of()),
            List.of(new NicInfo("ens1f0", "0000:3b:00.0", numaCount > 1 ? 1 : 0, List.of())),
            null,
            null,
            null,
            "2026-11-24T06:00:00Z",
            null);
    NodeTopology topology = new NodeTopology();
    topology.setMetadata(new ObjectMetaBuilder().withName(name).build());
    topology.setSpec(new NodeTopologySpec(name));
    topology.setStatus(status);
    return topology;
  }

  /** The reserved CPUs {@link #topology} uses, as a profile's reservedCpus. */
  public static String reservedCpus(int sockets, int numaPerSocket, int coresPerNuma, int threads) {
    int totalCores = sockets * numaPerSocket * coresPerNuma;
    CpuSet reserved = CpuSet.empty();
    for (int s = 0; s < sockets; s++) {
      int core = s * numaPerSocket * coresPerNuma;
      for (int t = 0; t < threads; t++) {
        reserved = reserved.with(core + t * totalCores);
      }
    }
    return reserved.toListString();
  }

  public static IsolationProfile profile(String name, String reservedCpus) {
    return profile(name, reservedCpus, null);
  }

  public static IsolationProfile profile(
      String name, String reservedCpus, String explicitIsolated) {
    IsolationProfile profile = new IsolationProfile();
    profile.setMetadata(new ObjectMetaBuilder().withName(name).build());
    profile.setSpec(
        new IsolationProfileSpec(
            Map.of("isocore.io/latency", "true"),
            reservedCpus,
            explicitIsolated == null
                ? new IsolatedCpus(IsolatedCpus.Source.Kernel, null)
                : new IsolatedCpus(IsolatedCpus.Source.Explicit, explicitIsolated),
            IsolationProfileSpec.SmtPolicy.FullCores,
            IsolationProfileSpec.NumaPolicy.SingleNodeRequired,
            true,
            IsolationProfileSpec.UnallocatedPolicy.Idle,
            null,
            null));
    return profile;
  }

  public static LatencyTenant tenant(String name, int tickets, String... namespaces) {
    LatencyTenant tenant = new LatencyTenant();
    tenant.setMetadata(new ObjectMetaBuilder().withName(name).build());
    tenant.setSpec(new LatencyTenantSpec(List.of(namespaces), tickets, null, null));
    return tenant;
  }

  /**
   * A latency pod: container app with {@code cpus} exclusive CPUs (request = limit), sidecar log.
   */
  public static Pod latencyPod(String namespace, String name, int cpus) {
    return latencyPod(namespace, name, Integer.toString(cpus), null);
  }

  public static Pod latencyPod(String namespace, String name, String cpu, String hugepages1Gi) {
    Map<String, Quantity> resources = new HashMap<>();
    resources.put("cpu", new Quantity(cpu));
    resources.put("memory", new Quantity("1Gi"));
    if (hugepages1Gi != null) {
      resources.put("hugepages-1Gi", new Quantity(hugepages1Gi));
    }
    Container app =
        new ContainerBuilder()
            .withName("app")
            .withImage("registry.example/feed:1")
            .withNewResources()
            .withRequests(resources)
            .withLimits(resources)
            .endResources()
            .build();
    Container log =
        new ContainerBuilder()
            .withName("log")
            .withImage("registry.example/log:1")
            .withNewResources()
            .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("64Mi")))
            .endResources()
            .build();
    return new PodBuilder()
        .withMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build())
        .withNewSpec()
        .withSchedulerName("isocore")
        .withContainers(app, log)
        .endSpec()
        .withNewStatus()
        .withPhase("Pending")
        .endStatus()
        .build();
  }

  /** The topology with its status' cpuHealth replaced (a poison CPU id, for instance). */
  public static io.isocore.api.v1alpha1.NodeTopology withCpuHealth(
      io.isocore.api.v1alpha1.NodeTopology topology,
      List<io.isocore.api.v1alpha1.CpuHealth> health) {
    var s = topology.getStatus();
    topology.setStatus(
        new io.isocore.api.v1alpha1.NodeTopologyStatus(
            s.sockets(),
            s.numaNodes(),
            s.cores(),
            s.cpus(),
            s.l3Groups(),
            s.cpusOnline(),
            s.cpusOffline(),
            s.isolation(),
            s.nics(),
            s.cgroup(),
            s.environment(),
            health,
            s.lastRefreshTime(),
            s.conditions()));
    return topology;
  }
}
