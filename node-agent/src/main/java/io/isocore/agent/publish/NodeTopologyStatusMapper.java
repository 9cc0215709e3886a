package io.isocore.agent.publish;

import io.isocore.api.v1alpha1.CacheGroupInfo;
import io.isocore.api.v1alpha1.CgroupInfo;
import io.isocore.api.v1alpha1.CoreInfo;
import io.isocore.api.v1alpha1.CpuInfo;
import io.isocore.api.v1alpha1.HugepageInfo;
import io.isocore.api.v1alpha1.KernelIsolation;
import io.isocore.api.v1alpha1.NicInfo;
import io.isocore.api.v1alpha1.NodeEnvironment;
import io.isocore.api.v1alpha1.NodeTopologyStatus;
import io.isocore.api.v1alpha1.NumaNodeInfo;
import io.isocore.api.v1alpha1.SocketInfo;
import io.isocore.core.audit.EnvironmentState;
import io.isocore.core.audit.IsolationState;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.node.CgroupLayout;
import io.isocore.core.node.NodeSnapshot;
import io.isocore.core.topology.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link NodeSnapshot} into the {@link NodeTopologyStatus} document: the status the agent
 * publishes and the JSON {@code topology --json} prints. Pure; leaves {@code lastRefreshTime} and
 * {@code conditions} to the publisher.
 */
public final class NodeTopologyStatusMapper {

  private NodeTopologyStatusMapper() {}

  /** Maps the snapshot; timestamps and conditions are left null. */
  public static NodeTopologyStatus toStatus(NodeSnapshot snapshot) {
    Topology t = snapshot.topology();
    return new NodeTopologyStatus(
        t.sockets().stream()
            .map(s -> new SocketInfo(s.id(), s.cpus().toListString(), s.dies(), s.numaNodes()))
            .toList(),
        t.numaNodes().stream()
            .map(
                n ->
                    new NumaNodeInfo(
                        n.id(),
                        n.cpus().toListString(),
                        n.memoryTotalBytes(),
                        n.memoryFreeBytes(),
                        n.distances(),
                        n.hugepages().stream()
                            .map(
                                p ->
                                    new HugepageInfo(
                                        p.sizeName(), p.total(), p.free(), p.surplus()))
                            .toList()))
            .toList(),
        t.cores().stream()
            .map(
                c ->
                    new CoreInfo(
                        c.id(),
                        c.socket(),
                        c.die(),
                        c.numaNode(),
                        c.coreId(),
                        c.cpus().toListString(),
                        c.l3Group()))
            .toList(),
        t.cpus().stream()
            .map(
                c ->
                    new CpuInfo(
                        c.id(),
                        c.core(),
                        c.socket(),
                        c.die(),
                        c.cluster(),
                        c.numaNode(),
                        c.l3Group()))
            .toList(),
        t.l3Groups().stream()
            .map(g -> new CacheGroupInfo(g.id(), g.cpus().toListString()))
            .toList(),
        t.online().toListString(),
        t.offline().toListString(),
        isolation(snapshot.isolation()),
        snapshot.nics().stream()
            .map(n -> new NicInfo(n.name(), n.pciAddress().orElse(null), n.numaNode(), n.irqs()))
            .toList(),
        cgroup(snapshot.cgroup()),
        environment(snapshot.environment()),
        null,
        null,
        null);
  }

  static KernelIsolation isolation(IsolationState k) {
    return new KernelIsolation(
        k.kernelIsolated().toListString(),
        k.cmdline().isolcpus().isPresent() ? k.cmdline().isolcpusFlags() : List.of(),
        (k.nohzFull().isEmpty() ? k.cmdline().nohzFull().orElse(CpuSet.empty()) : k.nohzFull())
            .toListString(),
        k.cmdline().rcuNocbs().orElse(CpuSet.empty()).toListString(),
        k.cmdline().irqAffinity().map(CpuSet::toListString).orElse(null),
        k.defaultIrqAffinity().map(CpuSet::toListString).orElse(null),
        k.managedIrqs());
  }

  static NodeEnvironment environment(EnvironmentState e) {
    Map<String, String> governors = new LinkedHashMap<>();
    e.cpuFrequencyGovernors().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(g -> governors.put(g.getKey(), g.getValue().toListString()));
    return new NodeEnvironment(
        e.rtRuntimeMicroseconds().isPresent() ? e.rtRuntimeMicroseconds().getAsLong() : null,
        e.rtPeriodMicroseconds().isPresent() ? e.rtPeriodMicroseconds().getAsLong() : null,
        e.timerFrequencyHz().isPresent() ? e.timerFrequencyHz().getAsInt() : null,
        e.transparentHugepages().orElse(null),
        e.irqbalanceRunning().orElse(null),
        e.kubeletCpuManagerPolicy().orElse(null),
        governors,
        e.cpuidleStates());
  }

  static CgroupInfo cgroup(CgroupLayout c) {
    if (c.version().isEmpty()) {
      return null;
    }
    return new CgroupInfo(
        CgroupInfo.CgroupVersion.valueOf(c.version().get()),
        c.driver().map(CgroupInfo.CgroupDriver::valueOf).orElse(null),
        c.kubepodsPath().orElse(null));
  }
}
