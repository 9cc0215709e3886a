package io.isocore.agent.probe;

import java.util.Optional;

/**
 * Supplies the current probe plan; implemented by whatever watches this node's IsolationProfile.
 * Read before every window, so a profile change takes effect at the next window.
 */
@FunctionalInterface
public interface ProbePlanSource {

  /** Returns the plan, or empty when no profile selects this node (nothing is probed). */
  Optional<ProbePlan> current();
}
