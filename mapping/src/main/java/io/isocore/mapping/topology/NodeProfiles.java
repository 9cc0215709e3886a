package io.isocore.mapping.topology;

import io.isocore.api.v1alpha1.NodeProfileStatus;
import io.isocore.core.profile.ProfileReport;
import java.util.List;

/**
 * A node's {@link ProfileReport} as NodeTopology status.profile: the one translation, bounded as
 * the CRD says (at most {@value #MAX_FINDINGS} findings of at most {@value #MAX_FINDING_LENGTH}
 * characters).
 */
public final class NodeProfiles {
  /** The most findings written; more are summarised in the last one. */
  public static final int MAX_FINDINGS = 32;

  /** The longest finding written. */
  public static final int MAX_FINDING_LENGTH = 1024;

  private NodeProfiles() {}

  /**
   * @param profile the IsolationProfile's name
   * @param report what it means on the node
   */
  public static NodeProfileStatus toStatus(String profile, ProfileReport report) {
    List<String> findings =
        report.findings().stream()
            .map(
                f ->
                    f.length() <= MAX_FINDING_LENGTH
                        ? f
                        : f.substring(0, MAX_FINDING_LENGTH - 3) + "...")
            .toList();
    if (findings.size() > MAX_FINDINGS) {
      int more = findings.size() - (MAX_FINDINGS - 1);
      findings =
          java.util.stream.Stream.concat(
                  findings.stream().limit(MAX_FINDINGS - 1),
                  java.util.stream.Stream.of("and " + more + " more findings"))
              .toList();
    }
    return new NodeProfileStatus(
        profile,
        report.handedOut().toListString(),
        report.recommendedCmdline().orElse(null),
        findings.isEmpty() ? null : findings);
  }
}
