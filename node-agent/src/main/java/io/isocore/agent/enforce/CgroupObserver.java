package io.isocore.agent.enforce;

import io.isocore.agent.cgroup.CgroupAccessException;
import io.isocore.agent.cgroup.CgroupTreeScanner;
import io.isocore.agent.cgroup.ContainerCgroupLocator;
import io.isocore.agent.cgroup.CpusetCgroups;
import io.isocore.agent.enforce.AllocationVerifier.Located;
import io.isocore.core.enforce.CgroupTree;
import io.isocore.core.enforce.CpuPools;
import io.isocore.core.enforce.GrantCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The observe step of an enforcement pass: finds the kubepods cgroup, reads its cpuset tree and
 * locates each allocation's containers in it. Reads only.
 */
final class CgroupObserver {

  private final CpusetCgroups cgroups;
  private final ContainerCgroupLocator locator;
  private final CgroupTreeScanner scanner;

  CgroupObserver(CpusetCgroups cgroups) {
    this.cgroups = cgroups;
    this.locator = new ContainerCgroupLocator(cgroups);
    this.scanner = new CgroupTreeScanner(cgroups);
  }

  /** Observes the kubepods tree and where each container's cgroup is. */
  PassObservation observe(DesiredNode node, GrantCheck grants, CpuPools pools) throws PassStopped {
    String kubepods =
        locator
            .kubepods()
            .orElseThrow(
                () ->
                    new PassStopped(
                        "no kubepods cgroup under "
                            + cgroups.cpusetDir("")
                            + " (neither kubepods.slice nor kubepods)"));
    CgroupTree tree;
    try {
      tree = scanner.scan(kubepods);
    } catch (CgroupAccessException e) {
      throw new PassStopped("reading the cpuset tree failed: " + e.getMessage());
    }
    Map<String, List<Located>> located = new HashMap<>();
    Map<String, List<String>> missing = new HashMap<>();
    for (DesiredAllocation allocation : node.allocations()) {
      List<Located> found = new ArrayList<>();
      List<String> absent = new ArrayList<>();
      for (DesiredContainer container : allocation.containers()) {
        Optional<String> cgroup =
            container
                .containerId()
                .flatMap(id -> locator.locate(allocation.podUid(), allocation.qos(), id))
                .filter(tree::contains);
        cgroup.ifPresentOrElse(
            c -> found.add(new Located(container, c)), () -> absent.add(container.name()));
      }
      located.put(allocation.key(), found);
      missing.put(allocation.key(), absent);
    }
    return new PassObservation(grants, pools, kubepods, tree, located, missing);
  }
}
