package io.isocore.operator.cli;

import io.isocore.api.v1alpha1.NodeTopologyStatus;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.profile.ProfileRules;
import io.isocore.core.topology.Core;
import io.isocore.core.topology.Topology;
import java.util.Optional;

/**
 * The profile {@code plan} assumes when none is given: CPU 0 and its SMT siblings are reserved
 * (where the kernel and kubelet housekeeping run by default), and the isolated CPUs are the
 * kernel's isolated list, or all other online CPUs when the kernel isolates none (so a plan on an
 * untuned node still shows where pods would go). Otherwise the CRD defaults: FullCores,
 * SingleNodeRequired, no quarantine.
 */
final class DefaultProfile {

  private DefaultProfile() {}

  static ProfileRules forNode(Topology topology, NodeTopologyStatus status) {
    CpuSet reserved =
        topology.cores().stream()
            .filter(c -> c.cpus().contains(topology.online().first()))
            .map(Core::cpus)
            .findFirst()
            .orElse(CpuSet.of(topology.online().first()));
    CpuSet kernel =
        status.isolation() == null || status.isolation().isolated() == null
            ? CpuSet.empty()
            : CpuSet.parse(status.isolation().isolated());
    CpuSet isolated = (kernel.isEmpty() ? topology.online() : kernel).minus(reserved);
    ProfileRules defaults = ProfileRules.defaults(reserved);
    return new ProfileRules(
        defaults.reserved(),
        isolated.isEmpty() ? Optional.empty() : Optional.of(isolated),
        defaults.smt(),
        defaults.numa(),
        defaults.unallocated(),
        defaults.irqSteering(),
        defaults.probe(),
        defaults.quarantineNanos());
  }
}
