package io.isocore.agent.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Set;

/**
 * The agent's command line, run as plain Java without booting Quarkus: {@code topology [--root DIR]
 * [--json]}, {@code audit --profile FILE [--root DIR]} and {@code restore [--root DIR] [--state-dir
 * DIR] [--cgroup-root DIR]} (the uninstall step).
 */
public final class Cli {

  /** Exit code for a clean run. */
  public static final int OK = 0;

  /** Exit code of {@code audit} when it found something. */
  public static final int FINDINGS = 1;

  /** Exit code for bad usage or an unreadable input. */
  public static final int ERROR = 2;

  private static final Set<String> COMMANDS =
      Set.of("topology", "audit", "restore", "noise", "help", "--help");

  private Cli() {}

  /** Returns whether {@code args} name a CLI command (otherwise the agent runs). */
  public static boolean isCommand(String[] args) {
    return args.length > 0 && COMMANDS.contains(args[0]);
  }

  /** Runs a command and returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      if (args[0].equals("noise")) {
        return NoiseCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
      }
      CliArguments parsed = CliArguments.parse(Arrays.copyOfRange(args, 1, args.length));
      return switch (args[0]) {
        case "topology" -> TopologyCommand.run(parsed, out);
        case "audit" -> AuditCommand.run(parsed, out, err);
        case "restore" -> RestoreCommand.run(parsed, out, err);
        default -> {
          out.println(usage());
          yield OK;
        }
      };
    } catch (UsageException e) {
      err.println("error: " + e.getMessage());
      err.println(usage());
      return ERROR;
    } catch (RuntimeException e) {
      err.println("error: " + e);
      return ERROR;
    }
  }

  static String usage() {
    return """
        usage: isocore-agent topology [--root DIR] [--json]
               isocore-agent audit --profile FILE [--root DIR]
               isocore-agent restore [--root DIR] [--state-dir DIR] [--cgroup-root DIR]
               isocore-agent noise [--cpu LIST] [--duration 10s] [--json] [--root DIR]
               isocore-agent            (no command: run the agent)
        topology  print what this node offers (--json: a NodeTopology status document)
        audit     check the node against an IsolationProfile; exit 0 clean, 1 findings, 2 error
        restore   uninstall: give back the IRQ affinities isocore moved (from --state-dir,
                  default /var/lib/isocore) and set every kubepods cpuset to the online CPUs;
                  exit 0 done (also when there was nothing to do), 2 failed
        noise     measure now: spin on each CPU (default: the isolated ones) and attribute the
                  gaps to interrupts, softirqs, threads and steal, with a fix for each
        --root    read sysfs/procfs under DIR instead of / (a dump of another machine)""";
  }
}
