package io.isocore.core.audit;

import io.isocore.core.cpu.CpuSet;
import java.util.List;

/**
 * The result of auditing one node against its profile.
 *
 * @param isolatedCpus the CPUs isocore would hand out on the node
 * @param findings what differs from the profile, each with its fix; empty when clean
 * @param recommendedKernelCmdline boot parameters that realise the profile
 */
public record AuditReport(
    CpuSet isolatedCpus, List<Finding> findings, String recommendedKernelCmdline) {

  /** Copies the list. */
  public AuditReport {
    findings = List.copyOf(findings);
  }

  /** Returns whether nothing differs from the profile. */
  public boolean clean() {
    return findings.isEmpty();
  }
}
