package io.isocore.operator.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The operator's configuration (application.properties, or ISOCORE_* environment variables). */
@ConfigMapping(prefix = "isocore")
public interface OperatorConfig {
  Admission admission();

  Tenants tenants();

  Election leaderElection();

  /** How often the loop runs with nothing changed, to retry unschedulable pods. */
  @WithDefault("30s")
  Duration resync();

  /**
   * Placements committed at once (CoreAllocation create, then Binding) while the scheduling thread
   * goes on deciding; 0 commits one at a time on the scheduling thread.
   */
  @WithDefault("64")
  int commitsInFlight();

  /** How long the leader may go without completing a cycle before readiness reports it. */
  @WithDefault("2m")
  Duration maxCycleAge();

  /** How long to wait for the informers' first list before giving up at start. */
  @WithDefault("60s")
  Duration informerSyncTimeout();

  interface Admission {
    /** stride (deterministic proportional share) or lottery (random draw weighted by tickets). */
    @WithDefault("stride")
    String policy();

    /** Seed of the lottery's draws; unset: random per start. */
    Optional<Long> lotterySeed();
  }

  interface Tenants {
    /** The bound on any tenant's inflation factor. */
    @WithDefault("4")
    double maxInflationFactor();

    /** Tenants whose spec.inflation is honoured; others' windows are ignored. */
    Optional<List<String>> inflationAllowed();
  }

  interface Election {
    @WithDefault("true")
    boolean enabled();

    @WithDefault("isocore-scheduler")
    String leaseName();

    /** The Lease's namespace: the operator's own (POD_NAMESPACE, from the downward API). */
    @WithDefault("${POD_NAMESPACE:isocore-system}")
    String leaseNamespace();

    /** This replica's identity in the Lease: the pod name, else the host name. */
    @WithDefault("${POD_NAME:${HOSTNAME:isocore-operator}}")
    String identity();

    @WithDefault("15s")
    Duration leaseDuration();

    @WithDefault("10s")
    Duration renewDeadline();

    @WithDefault("2s")
    Duration retryPeriod();
  }
}
