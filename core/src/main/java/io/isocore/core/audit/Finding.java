package io.isocore.core.audit;

/**
 * One way the node differs from its isolation profile, with the fix.
 *
 * @param check a PascalCase name of the rule, such as {@code NohzFullMissing}
 * @param problem what is wrong, with the values found
 * @param fix what to do about it
 */
public record Finding(String check, String problem, String fix) {

  /** Returns "problem: fix", the line the CLI prints. */
  public String describe() {
    return problem + ": " + fix;
  }
}
