package io.isocore.operator.testing;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.isocore.api.v1alpha1.NodeTopologyStatus;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.pod.ContainerRequest;
import io.isocore.core.pod.HugepageRequest;
import io.isocore.core.pod.PodRequest;
import io.isocore.core.topology.CacheGroup;
import io.isocore.core.topology.Core;
import io.isocore.core.topology.Cpu;
import io.isocore.core.topology.HugepagePool;
import io.isocore.core.topology.HugepageSizes;
import io.isocore.core.topology.NumaNode;
import io.isocore.core.topology.Socket;
import io.isocore.core.topology.Topology;
import io.isocore.operator.scheduling.PodRequestReader;
import io.isocore.operator.scheduling.Pods;
import io.isocore.operator.scheduling.TopologyReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test-only readers used until the operator.model mappers land: enough of the pod contract and of
 * NodeTopologyStatus for the fixtures in {@link ClusterFixtures}.
 */
public final class InterimReaders {
  private InterimReaders() {}

  public static TopologyReader topology() {
    return nt -> {
      NodeTopologyStatus s = nt.getStatus();
      return new Topology(
          s.sockets().stream()
              .map(x -> new Socket(x.id(), CpuSet.parse(x.cpus()), x.dies(), x.numaNodes()))
              .toList(),
          s.numaNodes().stream()
              .map(
                  n ->
                      new NumaNode(
                          n.id(),
                          CpuSet.parse(n.cpus()),
                          n.memoryTotalBytes(),
                          n.memoryFreeBytes(),
                          n.distances(),
                          n.hugepages().stream()
                              .map(
                                  h ->
                                      new HugepagePool(
                                          HugepageSizes.parse(h.size()).orElseThrow(),
                                          h.total(),
                                          h.free(),
                                          h.surplus()))
                              .toList()))
              .toList(),
          s.cores().stream()
              .map(
                  c ->
                      new Core(
                          c.id(),
                          c.socket(),
                          c.die(),
                          c.numaNode(),
                          c.coreId(),
                          CpuSet.parse(c.cpus()),
                          c.l3Group()))
              .toList(),
          s.cpus().stream()
              .map(
                  c ->
                      new Cpu(
                          c.id(),
                          c.core(),
                          c.socket(),
                          c.die(),
                          c.cluster(),
                          c.numaNode(),
                          c.l3Group()))
              .toList(),
          s.l3Groups().stream()
              .map(g -> new CacheGroup(3, g.id(), CpuSet.parse(g.cpus())))
              .toList(),
          CpuSet.parse(s.cpusOnline()),
          CpuSet.parse(s.cpusOffline()));
    };
  }

  public static PodRequestReader requests() {
    return pod -> {
      List<ContainerRequest> containers = new ArrayList<>();
      for (Container c : pod.getSpec().getContainers()) {
        Map<String, Quantity> req =
            c.getResources() == null || c.getResources().getRequests() == null
                ? Map.of()
                : c.getResources().getRequests();
        Map<String, Quantity> lim =
            c.getResources() == null || c.getResources().getLimits() == null
                ? Map.of()
                : c.getResources().getLimits();
        int exclusive = 0;
        if (req.containsKey("cpu") && req.get("cpu").equals(lim.get("cpu"))) {
          BigDecimal cpu = Quantity.getAmountInBytes(req.get("cpu"));
          if (cpu.stripTrailingZeros().scale() > 0) {
            return new PodRequestReader.Invalid(
                "container "
                    + c.getName()
                    + " asks for cpu "
                    + req.get("cpu")
                    + "; exclusive cores need a whole number");
          }
          exclusive = cpu.intValueExact();
        }
        ContainerRequest cr =
            exclusive > 0
                ? ContainerRequest.exclusive(c.getName(), exclusive)
                : ContainerRequest.shared(c.getName());
        for (var e : req.entrySet()) {
          if (e.getKey().startsWith("hugepages-")) {
            Optional<Long> size = HugepageSizes.parse(e.getKey().substring("hugepages-".length()));
            if (size.isEmpty()) {
              return new PodRequestReader.Invalid(
                  "container "
                      + c.getName()
                      + " asks for "
                      + e.getKey()
                      + ": unknown hugepage size");
            }
            cr =
                cr.withHugepages(
                    new HugepageRequest(
                        size.get(), Quantity.getAmountInBytes(e.getValue()).longValueExact()));
          }
        }
        containers.add(cr);
      }
      PodRequest request =
          new PodRequest(
              Pods.key(pod),
              pod.getMetadata().getUid(),
              Optional.empty(),
              containers,
              Optional.empty());
      String nic =
          pod.getMetadata().getAnnotations() == null
              ? null
              : pod.getMetadata().getAnnotations().get("isocore.io/numa-align-nic");
      return new PodRequestReader.Valid(nic == null ? request : request.withAlignNic(nic));
    };
  }
}
