package io.isocore.operator;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The operator's entry point: the scheduler (Quarkus), or an offline command that skips booting.
 */
@QuarkusMain
public final class IsocoreMain {
  private IsocoreMain() {}

  public static void main(String[] args) {
    Quarkus.run(args);
  }
}
