package io.isocore.agent.probe;

import org.HdrHistogram.Histogram;

/** Receives every completed window, on the probe thread, after the loop has ended. */
@FunctionalInterface
public interface ProbeWindowListener {

  /**
   * Called once per completed window.
   *
   * @param window the window's figures
   * @param gaps the window's gaps (read-only; reset after the call returns)
   * @param quarantined whether the CPU is now quarantined
   */
  void windowCompleted(ProbeWindow window, Histogram gaps, boolean quarantined);
}
