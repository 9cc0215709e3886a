package io.isocore.agent;

import io.isocore.agent.cli.Cli;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of the agent jar. {@code topology} and {@code audit} run as plain Java, without
 * booting Quarkus (no Kubernetes client, no config): they must work on a bare node or a laptop
 * reading a dump. Anything else starts the agent.
 */
@QuarkusMain
public final class AgentMain {

  AgentMain() {}

  /** Runs a CLI command and exits with its code, or runs the agent. */
  public static void main(String[] args) {
    if (Cli.isCommand(args)) {
      System.exit(Cli.run(args, System.out, System.err));
    }
    Quarkus.run(args);
  }
}
