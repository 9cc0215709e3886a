package io.isocore.mapping.topology;

import io.isocore.api.v1alpha1.CacheGroupInfo;
import io.isocore.api.v1alpha1.CgroupInfo;
import io.isocore.api.v1alpha1.CoreInfo;
import io.isocore.api.v1alpha1.CpuInfo;
import io.isocore.api.v1alpha1.HugepageInfo;
import io.isocore.api.v1alpha1.KernelIsolation;
import io.isocore.api.v1alpha1.NicInfo;
import io.isocore.api.v1alpha1.NodeEnvironment;
import io.isocore.api.v1alpha1.NodeTopology;
import io.isocore.api.v1alpha1.NodeTopologyStatus;
import io.isocore.api.v1alpha1.NumaNodeInfo;
import io.isocore.api.v1alpha1.SocketInfo;
import io.isocore.core.audit.EnvironmentState;
import io.isocore.core.audit.IsolationState;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.node.CgroupLayout;
import io.isocore.core.node.NodeSnapshot;
import io.isocore.core.topology.Topology;
import io.isocore.mapping.InvalidResourceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one translation of a node's topology to and from the NodeTopology status: the agent publishes
 * {@link #toStatus} (and {@code topology --json} prints it); the operator and {@code plan} read it
 * back with {@link #toTopology}. {@code toTopology(toStatus(s))} gives back {@code s.topology()}.
 */
public final class NodeTopologies {

  private NodeTopologies() {}

  /** The status document for a snapshot; timestamps, conditions and CPU health are left null. */
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

  /**
   * Reads a NodeTopology resource into core's model.
   *
   * @throws InvalidResourceException naming the node, the field and the value
   */
  public static Topology toTopology(NodeTopology nodeTopology) {
    String node =
        nodeTopology.getMetadata() == null ? "<unnamed>" : nodeTopology.getMetadata().getName();
    if (nodeTopology.getStatus() == null) {
      throw new InvalidResourceException(
          "NodeTopology " + node + " has no status yet: the node agent has not published it");
    }
    return toTopology(node, nodeTopology.getStatus());
  }

  /**
   * Reads a status document (or the agent's {@code topology --json}, the same JSON). Lists are
   * sorted by id; an absent list is empty; a missing optional id takes the model's "none" value.
   *
   * @param node the node name, for messages
   * @throws InvalidResourceException naming the node, the field and the value
   */
  public static Topology toTopology(String node, NodeTopologyStatus status) {
    return new StatusReader(node).topology(status);
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
