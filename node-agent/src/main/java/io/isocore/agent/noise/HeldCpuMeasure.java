package io.isocore.agent.noise;

import io.isocore.agent.telemetry.ContainerRef;
import io.isocore.core.noise.CounterTable;
import io.isocore.core.noise.HeldCpuSample;
import io.isocore.core.noise.NoiseAttribution;
import io.isocore.core.noise.NoiseSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns two readings of a node (interrupt counters, noise snapshot, the owners' threads) into what
 * each held CPU showed between them: its interrupts per second, its owner's involuntary switches
 * and run-queue wait per second (threads last seen on the CPU), and the other sources there, with
 * the owner's threads left out of the attribution.
 */
final class HeldCpuMeasure {

  /**
   * One reading.
   *
   * @param epochMillis when it was taken
   * @param snapshot {@code /proc} counters and threads
   * @param owners the owners' threads by id ({@code tid@start})
   * @param held which container holds each exclusive CPU
   */
  record Reading(
      long epochMillis,
      NoiseSnapshot snapshot,
      Map<String, OwnerThreads.Sample> owners,
      Map<Integer, ContainerRef> held) {

    static Reading of(
        long epochMillis,
        NoiseSnapshot snapshot,
        List<OwnerThreads.Sample> owners,
        Map<Integer, ContainerRef> held) {
      return new Reading(
          epochMillis,
          snapshot,
          owners.stream().collect(Collectors.toMap(OwnerThreads.Sample::id, s -> s, (a, b) -> a)),
          Map.copyOf(held));
    }
  }

  private HeldCpuMeasure() {}

  /** Each CPU held by the same container at both readings, measured between them. */
  static Map<Integer, HeldCpuSample> between(Reading start, Reading end) {
    // The agent's clock, not the snapshots' monotonic time, so that fixture windows have a length.
    double seconds = Math.max(1e-3, (end.epochMillis() - start.epochMillis()) / 1e3);
    Set<Long> ownTids =
        end.owners().values().stream().map(OwnerThreads.Sample::tid).collect(Collectors.toSet());
    Map<Integer, HeldCpuSample> out = new HashMap<>();
    end.held()
        .forEach(
            (cpu, owner) -> {
              if (!owner.equals(start.held().get(cpu))) {
                return; // held only part of the window
              }
              out.put(
                  cpu,
                  new HeldCpuSample(
                      cpu,
                      interrupts(start.snapshot(), end.snapshot(), cpu) / seconds,
                      perSecond(start, end, cpu, owner, false, seconds),
                      perSecond(start, end, cpu, owner, true, seconds),
                      NoiseAttribution.attribute(
                              start.snapshot(),
                              end.snapshot(),
                              cpu,
                              NoiseAttribution.Probe.NONE,
                              Optional.empty(),
                              ownTids,
                              3)
                          .sources()));
            });
    return out;
  }

  /** Every interrupt line's increase on {@code cpu}. */
  static long interrupts(NoiseSnapshot start, NoiseSnapshot end, int cpu) {
    Map<String, Long> before = new HashMap<>();
    for (CounterTable.Row row : start.interrupts().rows()) {
      before.put(row.name(), row.on(cpu));
    }
    long sum = 0;
    for (CounterTable.Row row : end.interrupts().rows()) {
      sum += Math.max(0, row.on(cpu) - before.getOrDefault(row.name(), 0L));
    }
    return sum;
  }

  /**
   * The owner's involuntary switches (or run-queue wait in ms) per second over its threads last
   * seen on {@code cpu}; empty when none of its threads was readable (or, for the wait, when the
   * kernel has no schedstat). A thread born in the window counts from zero.
   */
  private static OptionalDouble perSecond(
      Reading start, Reading end, int cpu, ContainerRef owner, boolean wait, double seconds) {
    boolean ownerSeen = false;
    boolean measured = false;
    double sum = 0;
    for (OwnerThreads.Sample t : end.owners().values()) {
      if (!t.owner().equals(owner)) {
        continue;
      }
      ownerSeen = true;
      if (t.processor() != cpu || (wait && t.waitNanos() < 0)) {
        continue;
      }
      OwnerThreads.Sample before = start.owners().get(t.id());
      if (wait) {
        long from = before == null || before.waitNanos() < 0 ? 0 : before.waitNanos();
        sum += Math.max(0, t.waitNanos() - from) / 1e6;
      } else {
        long from = before == null ? 0 : before.involuntarySwitches();
        sum += Math.max(0, t.involuntarySwitches() - from);
      }
      measured = true;
    }
    if (!ownerSeen || (wait && !measured && anyWithoutSchedstat(end, owner))) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(sum / seconds);
  }

  private static boolean anyWithoutSchedstat(Reading r, ContainerRef owner) {
    return r.owners().values().stream()
        .filter(t -> t.owner().equals(owner))
        .anyMatch(t -> t.waitNanos() < 0);
  }
}
