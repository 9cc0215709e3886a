package io.isocore.agent.enforce;

import io.isocore.agent.metrics.NodeCpuView;
import io.isocore.agent.telemetry.ContainerRef;
import io.isocore.api.v1alpha1.ContainerAllocation;
import io.isocore.api.v1alpha1.CoreAllocation;
import io.isocore.api.v1alpha1.IsolationProfileSpec;
import io.isocore.core.cpu.CpuSet;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
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
  public void afterPass(
      NodeCpus cpus,
      Optional<IsolationProfileSpec> profile,
      List<CoreAllocation> allocations,
      EnforcementReport report) {
    Map<Integer, ContainerRef> exclusive = new HashMap<>();
    Map<PodRef, Optional<Instant>> pending = new HashMap<>();
    Map<PodRef, Optional<Instant>> before = snapshot.pendingSince();
    for (CoreAllocation ca : allocations) {
      if (ca.getSpec() == null) {
        continue;
      }
      String namespace = ca.getMetadata().getNamespace();
      String pod = ca.getSpec().podName();
      boolean applied =
          report.result(DesiredAllocationMapper.key(ca)).orElse(null)
              instanceof AllocationResult.Applied;
      PodRef ref = new PodRef(namespace, pod);
      // without a creationTimestamp, age from the first pass that saw it
      Instant since =
          created(ca)
              .or(() -> before.getOrDefault(ref, Optional.empty()))
              .orElseGet(() -> Instant.now(clock));
      pending.put(ref, applied ? Optional.empty() : Optional.of(since));
      if (!applied || ca.getSpec().containers() == null) {
        continue;
      }
      for (ContainerAllocation c : ca.getSpec().containers()) {
        if (c.cpuMode() == ContainerAllocation.CpuMode.Exclusive && c.cpus() != null) {
          for (int cpu : CpuSet.parse(c.cpus()).toList()) {
            exclusive.put(cpu, new ContainerRef(namespace, pod, c.name()));
          }
        }
      }
    }
    CpuSet reserved =
        profile
            .map(IsolationProfileSpec::reservedCpus)
            .filter(s -> !s.isBlank())
            .map(CpuSet::parse)
            .orElse(CpuSet.empty());
    snapshot =
        new Snapshot(
            cpus.isolated(),
            reserved,
            report.pools().shared(),
            Map.copyOf(exclusive),
            Map.copyOf(pending));
  }

  private static Optional<Instant> created(CoreAllocation ca) {
    String ts = ca.getMetadata().getCreationTimestamp();
    if (ts == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(ts));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
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
