package io.isocore.agent.cli;

import io.isocore.agent.audit.InvalidProfileException;
import io.isocore.agent.audit.ProfileFile;
import io.isocore.agent.topology.NodeReader;
import io.isocore.api.v1alpha1.IsolationProfile;
import io.isocore.core.audit.AuditProfile;
import io.isocore.core.audit.AuditReport;
import io.isocore.core.audit.Finding;
import io.isocore.core.audit.IsolationAudit;
import io.isocore.core.node.Degradation;
import io.isocore.core.node.NodeSnapshot;
import java.io.PrintStream;
import java.nio.file.Files;

/** {@code audit --profile FILE [--root DIR]}: exit 0 clean, 1 findings, 2 error. */
final class AuditCommand {

  private AuditCommand() {}

  static int run(CliArguments args, PrintStream out, PrintStream err) {
    if (args.profile().isEmpty()) {
      throw new UsageException("audit needs --profile FILE");
    }
    if (!Files.isDirectory(args.root())) {
      throw new UsageException("--root " + args.root() + " is not a directory");
    }
    AuditProfile profile;
    String name;
    try {
      IsolationProfile resource = ProfileFile.load(args.profile().get());
      name = resource.getMetadata() != null ? resource.getMetadata().getName() : null;
      profile = ProfileFile.rules(args.profile().get(), resource).audit();
    } catch (InvalidProfileException e) {
      err.println("error: " + e.getMessage());
      return Cli.ERROR;
    }
    NodeSnapshot snapshot = new NodeReader(args.root()).read();
    AuditReport report =
        IsolationAudit.audit(
            profile, snapshot.topology(), snapshot.isolation(), snapshot.environment());
    out.printf(
        "profile %s on %s: isolated CPUs %s, reserved %s%n",
        name == null ? args.profile().get() : name,
        args.root(),
        report.isolatedCpus().isEmpty() ? "none" : report.isolatedCpus().toListString(),
        profile.reserved().toListString());
    if (report.clean()) {
      out.println("no findings");
    } else {
      out.println(report.findings().size() + " finding(s):");
      for (Finding f : report.findings()) {
        out.println("  - " + f.describe());
      }
    }
    for (Degradation d : snapshot.degradations()) {
      out.println("  ! could not use " + d.describe());
    }
    out.println("recommended kernel command line:");
    out.println("  " + report.recommendedKernelCmdline());
    return report.clean() ? Cli.OK : Cli.FINDINGS;
  }
}
