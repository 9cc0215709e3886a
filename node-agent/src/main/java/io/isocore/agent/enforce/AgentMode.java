package io.isocore.agent.enforce;

import java.util.Locale;

/**
 * What the agent does with its node ({@code isocore.agent.mode}, env {@code ISOCORE_AGENT_MODE}):
 * enforce CoreAllocations, or give the node back what isocore changed (set by the chart's uninstall
 * hook).
 */
public enum AgentMode {
  /** Enforce (the default). */
  ENFORCE,
  /** Restore the node at start ({@link NodeRestore}) and enforce nothing. */
  RESTORE;

  /**
   * Reads the property's value.
   *
   * @throws IllegalArgumentException naming the property and the accepted values
   */
  public static AgentMode parse(String value) {
    return switch (value == null ? "" : value.strip().toLowerCase(Locale.ROOT)) {
      case "enforce" -> ENFORCE;
      case "restore" -> RESTORE;
      default ->
          throw new IllegalArgumentException(
              "isocore.agent.mode (ISOCORE_AGENT_MODE) is '"
                  + value
                  + "'; expected enforce or restore. Nothing was changed on the node");
    };
  }
}
