package io.isocore.agent.probe;

/** A flag the probe loop reads every few thousand iterations; set from any thread. */
public final class StopSignal {

  /** Not requested. */
  public StopSignal() {}

  private volatile boolean requested;

  void request() {
    requested = true;
  }

  void clear() {
    requested = false;
  }

  boolean requested() {
    return requested;
  }
}
