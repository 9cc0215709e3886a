package io.isocore.agent.enforce;

import io.isocore.agent.probe.ProbePlan;
import io.isocore.agent.probe.ProbePlanSource;
import io.isocore.agent.telemetry.HeldCpus;
import io.isocore.core.cpu.CpuSet;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * What the jitter probe needs from enforcement: the CPUs this node's allocations hold (exclusive
 * CPUs and the siblings held idle, {@link DesiredNode#requestedHeld}), published before any pass
 * writes a cpuset (listeners run first, on the enforcement thread, when the set grows), and the
 * probe plan of the IsolationProfile the last pass matched. Nothing is probed until enforcement has
 * run a pass.
 */
@Singleton
public class EnforcementProbeFeed
    implements HeldCpus, ProbePlanSource, CoreAllocationReconciler.PassObserver {

  private static final Logger LOG = Logger.getLogger(EnforcementProbeFeed.class);

  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile CpuSet held = CpuSet.empty();
  private volatile Optional<ProbePlan> plan = Optional.empty();

  @Override
  public void beforeEnforce(CpuSet heldNow) {
    boolean grew = !held.containsAll(heldNow);
    held = heldNow;
    if (grew) {
      for (Runnable listener : listeners) {
        try {
          listener.run();
        } catch (RuntimeException e) {
          LOG.warn("held-CPU listener failed: " + e);
        }
      }
    }
  }

  @Override
  public void afterPass(PassSnapshot pass) {
    plan =
        pass.profile()
            .map(r -> new ProbePlan(pass.cpus().isolated(), r.probe(), r.quarantineNanos()));
  }

  @Override
  public CpuSet held() {
    return held;
  }

  @Override
  public void addListener(Runnable onChange) {
    listeners.add(onChange);
  }

  @Override
  public Optional<ProbePlan> current() {
    return plan;
  }
}
