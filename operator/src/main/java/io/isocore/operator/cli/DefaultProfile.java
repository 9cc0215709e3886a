package io.isocore.operator.cli;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.isocore.api.v1alpha1.IsolatedCpus;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.api.v1alpha1.IsolationProfileSpec;
import io.isocore.api.v1alpha1.NodeTopologyStatus;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.topology.Core;
import io.isocore.core.topology.Topology;

/**
 * The profile {@code plan} assumes when none is given: CPU 0 and its SMT siblings are reserved
 * (where the kernel and kubelet housekeeping run by default), and the isolated CPUs are the
 * kernel's isolated list, or all other online CPUs when the kernel isolates none (so a plan on an
 * untuned node still shows where pods would go). FullCores, SingleNodeRequired, no quarantine.
 */
final class DefaultProfile {

  private DefaultProfile() {}

  static IsolationProfile forNode(Topology topology, NodeTopologyStatus status) {
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
    IsolationProfile profile = new IsolationProfile();
    profile.setMetadata(new ObjectMetaBuilder().withName("plan-default").build());
    profile.setSpec(
        new IsolationProfileSpec(
            null,
            reserved.toListString(),
            isolated.isEmpty()
                ? new IsolatedCpus(IsolatedCpus.Source.Kernel, null)
                : new IsolatedCpus(IsolatedCpus.Source.Explicit, isolated.toListString()),
            IsolationProfileSpec.SmtPolicy.FullCores,
            IsolationProfileSpec.NumaPolicy.SingleNodeRequired,
            null,
            null,
            null,
            null));
    return profile;
  }
}
