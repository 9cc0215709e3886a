package io.isocore.agent.cli;

import io.isocore.agent.enforce.NodeRestore;
import io.isocore.agent.host.HostRoot;
import io.isocore.agent.irq.AffinityWriter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code restore [--root DIR] [--state-dir DIR] [--cgroup-root DIR]}: the uninstall step, run by
 * the chart's pre-delete hook through the agent itself ({@link NodeRestore}); exit 0 done, 2 failed
 * (the message names the file).
 */
final class RestoreCommand {

  /** Where the DaemonSet keeps the agent's state. */
  static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/isocore");

  private RestoreCommand() {}

  static int run(CliArguments args, PrintStream out, PrintStream err) {
    if (!Files.isDirectory(args.root())) {
      throw new UsageException("--root " + args.root() + " is not a directory");
    }
    Path state = args.stateDir().orElse(DEFAULT_STATE_DIR).resolve("irq-affinity");
    NodeRestore.Result result =
        new NodeRestore(
                new HostRoot(args.root()),
                args.cgroupRoot(),
                state,
                AffinityWriter.FILES,
                Clock.systemUTC())
            .run();
    result.lines().forEach(out::println);
    if (result.failure().isPresent()) {
      err.println("error: restore failed: " + result.failure().get());
      return Cli.ERROR;
    }
    out.println("restored: isocore's IRQ and cpuset changes on this node are undone");
    return Cli.OK;
  }
}
