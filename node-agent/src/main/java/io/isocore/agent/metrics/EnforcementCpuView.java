package io.isocore.agent.metrics;

import io.isocore.agent.enforce.AllocationResult;
import io.isocore.agent.enforce.CoreAllocationReconciler;
import io.isocore.agent.enforce.PassSnapshot;
import io.isocore.agent.enforce.SeenAllocation;
import io.isocore.agent.telemetry.ContainerRef;
import io.isocore.core.cpu.CpuSet;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The node's CPU roles and allocations as of the latest enforcement pass, for the node gauges.
 * Stays empty while enforcement is off. Reads are lock-free: each pass replaces one immutable
 * snapshot.
 */
@Singleton
public class EnforcementCpuView implements NodeCpuView, CoreAllocationReconciler.PassObserver {

  /** Not-yet-applied allocations carry their creation time; applied ones carry none. */
  private record Snapshot(
      CpuSet isolated,
      CpuSet reserved,
      CpuSet shared,
      Map<Integer, ContainerRef> exclusive,
      Map<PodRef, Optional<Instant>> pendingSince) {}

  private static final Snapshot EMPTY =
      new Snapshot(CpuSet.empty(), CpuSet.empty(), CpuSet.empty(), Map.of(), Map.of());

  private final Clock clock;
  private volatile Snapshot snapshot = EMPTY;

  /** Creates a view on the system clock. */
  public EnforcementCpuView() {
    this(Clock.systemUTC());
  }

  /** Creates a view whose not-applied ages are measured on {@code clock}. */
  public EnforcementCpuView(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void afterPass(PassSnapshot pass) {
    Map<Integer, ContainerRef> exclusive = new HashMap<>();
    Map<PodRef, Optional<Instant>> pending = new HashMap<>();
    Map<PodRef, Optional<Instant>> before = snapshot.pendingSince();
    for (SeenAllocation ca : pass.allocations()) {
      boolean applied =
          pass.report().result(ca.key()).orElse(null) instanceof AllocationResult.Applied;
      PodRef ref = new PodRef(ca.namespace(), ca.podName());
      // without a creationTimestamp, age from the first pass that saw it
      Instant since =
          ca.created()
              .or(() -> before.getOrDefault(ref, Optional.empty()))
              .orElseGet(() -> Instant.now(clock));
      pending.put(ref, applied ? Optional.empty() : Optional.of(since));
      if (!applied) {
        continue;
      }
      ca.exclusiveCpus()
          .forEach(
              (container, cpus) -> {
                for (int cpu : cpus.toList()) {
                  exclusive.put(cpu, new ContainerRef(ca.namespace(), ca.podName(), container));
                }
              });
    }
    snapshot =
        new Snapshot(
            pass.cpus().isolated(),
            pass.reserved(),
            pass.report().pools().shared(),
            Map.copyOf(exclusive),
            Map.copyOf(pending));
  }

  @Override
  public CpuSet isolated() {
    return snapshot.isolated();
  }

  @Override
  public CpuSet reserved() {
    return snapshot.reserved();
  }

  @Override
  public CpuSet shared() {
    return snapshot.shared();
  }

  @Override
  public Map<Integer, ContainerRef> exclusive() {
    return snapshot.exclusive();
  }

  @Override
  public Map<PodRef, Double> notAppliedSeconds() {
    Instant now = Instant.now(clock);
    Map<PodRef, Double> out = new HashMap<>();
    snapshot
        .pendingSince()
        .forEach(
            (pod, since) ->
                out.put(
                    pod,
                    since
                        .map(s -> Math.max(0, Duration.between(s, now).toMillis()) / 1000.0)
                        .orElse(0.0)));
    return Map.copyOf(out);
  }
}
