package io.isocore.agent.probe;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.profile.ProbeSchedule;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A probe plan from properties, for an agent without a Kubernetes API (a benchmark, a node being
 * tried out): {@code isocore.probe.static-cpus} (a CPU list) are probed with the CRD's default
 * window and threshold every {@code isocore.probe.static-interval} (default 300 s, the CRD's) while
 * no IsolationProfile gives a plan. Unset (the default), it changes nothing.
 */
@Singleton
public class StaticProbePlan {

  private static final Logger LOG = Logger.getLogger(StaticProbePlan.class);

  private final Optional<ProbePlan> plan;

  StaticProbePlan(
      @ConfigProperty(name = "isocore.probe.static-cpus") Optional<String> cpus,
      @ConfigProperty(name = "isocore.probe.static-interval", defaultValue = "300s")
          Duration interval) {
    this.plan = cpus.filter(c -> !c.isBlank()).map(c -> plan(c, interval));
    plan.ifPresent(
        p ->
            LOG.infof(
                "jitter probe: static plan, CPUs %s every %s while no profile gives a plan",
                p.isolated(), interval));
  }

  static ProbePlan plan(String cpus, Duration interval) {
    CpuSet set;
    try {
      set = CpuSet.parseNonEmpty(cpus.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "isocore.probe.static-cpus: expected a CPU list such as 1 or 2-3,6, got '"
              + cpus
              + "' ("
              + e.getMessage()
              + ")",
          e);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          "isocore.probe.static-interval: expected a positive duration, got " + interval);
    }
    ProbeSchedule d = ProbeSchedule.DEFAULTS;
    return new ProbePlan(
        set,
        new ProbeSchedule(true, interval, d.duration(), d.thresholdNanos()),
        OptionalLong.empty());
  }

  /** {@code plans}, falling back to the static plan while they give none. */
  ProbePlanSource orElse(ProbePlanSource plans) {
    if (plan.isEmpty()) {
      return plans;
    }
    return () -> plans.current().or(() -> plan);
  }
}
