package io.isocore.operator;

import io.isocore.operator.cli.PlanCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * The operator's entry point: the scheduler (Quarkus), or an offline command that skips booting.
 */
@QuarkusMain
public final class IsocoreMain {
  private IsocoreMain() {}

  public static void main(String[] args) {
    if (args.length > 0 && "plan".equals(args[0])) {
      // Offline decision from files: no cluster, no Quarkus boot.
      String[] rest = Arrays.copyOfRange(args, 1, args.length);
      System.exit(PlanCommand.run(rest, System.out, System.err));
    }
    Quarkus.run(args);
  }
}
