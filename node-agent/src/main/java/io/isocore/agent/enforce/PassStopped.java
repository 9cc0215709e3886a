package io.isocore.agent.enforce;

/** A node-level problem that stops an enforcement pass before anything is written. */
final class PassStopped extends Exception {

  PassStopped(String reason) {
    super(reason, null, false, false);
  }
}
