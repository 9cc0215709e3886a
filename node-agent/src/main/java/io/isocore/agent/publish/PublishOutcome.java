package io.isocore.agent.publish;

/** What one publication did. */
public enum PublishOutcome {
  /** The NodeTopology did not exist and was created with its status. */
  CREATED,
  /** The status changed and was written. */
  UPDATED,
  /** Nothing changed; nothing was written. */
  UNCHANGED
}
