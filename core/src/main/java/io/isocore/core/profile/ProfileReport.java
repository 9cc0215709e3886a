package io.isocore.core.profile;

import io.isocore.core.cpu.CpuSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an IsolationProfile means on one node: the CPUs it reserves and isolates there, the CPUs
 * isocore hands out, the kernel command line that realises it, and what differs from it (each with
 * its fix). The one rule the operator (placement, profile status) and the node agent (its
 * NodeTopology status) both apply, so the two never disagree.
 *
 * @param reserved the profile's housekeeping CPUs
 * @param isolated the isolated CPUs: the profile's explicit list, else the kernel's
 * @param handedOut isolated minus reserved: what pods can be given
 * @param recommendedCmdline boot parameters that realise the profile, empty when nothing is
 *     isolated
 * @param findings what differs from the profile, each with its fix; empty when the node is as asked
 */
public record ProfileReport(
    CpuSet reserved,
    CpuSet isolated,
    CpuSet handedOut,
    Optional<String> recommendedCmdline,
    List<String> findings) {

  /** Copies the findings. */
  public ProfileReport {
    findings = List.copyOf(findings);
  }

  /**
   * @param rules the profile that selects the node
   * @param kernelIsolated the CPUs the node's kernel isolates (isolcpus)
   * @param online the node's online CPUs (empty when unknown: no offline finding then)
   */
  public static ProfileReport of(ProfileRules rules, CpuSet kernelIsolated, CpuSet online) {
    CpuSet reserved = rules.reserved();
    CpuSet isolated = rules.isolated(kernelIsolated);
    List<String> findings = new ArrayList<>();
    CpuSet clash = reserved.intersection(isolated);
    if (!clash.isEmpty()) {
      findings.add(
          "reserved CPUs "
              + clash.toListString()
              + " are isolated by the kernel; they are never allocated. Remove them from isolcpus.");
    }
    if (isolated.isEmpty()) {
      findings.add(
          "no isolated CPUs: boot with isolcpus/nohz_full or list spec.isolatedCpus.cpus"
              + " (source Explicit)");
    }
    CpuSet offlineIsolated = isolated.minus(online);
    if (!offlineIsolated.isEmpty() && !online.isEmpty()) {
      findings.add("isolated CPUs " + offlineIsolated.toListString() + " are offline");
    }
    return new ProfileReport(
        reserved, isolated, isolated.minus(reserved), cmdline(isolated, reserved), findings);
  }

  /** isolcpus, nohz_full and rcu_nocbs on the handed-out CPUs, IRQs on the reserved ones. */
  public static Optional<String> cmdline(CpuSet isolated, CpuSet reserved) {
    String handedOut = isolated.minus(reserved).toListString();
    if (handedOut.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "isolcpus=managed_irq,domain,"
            + handedOut
            + " nohz_full="
            + handedOut
            + " rcu_nocbs="
            + handedOut
            + " irqaffinity="
            + reserved.toListString());
  }
}
