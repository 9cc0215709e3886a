package io.isocore.agent.noise;

import io.isocore.agent.enforce.CoreAllocationStatusBuilder;
import io.isocore.agent.probe.ProbeWindow;
import io.isocore.agent.telemetry.ContainerRef;
import io.isocore.agent.telemetry.ContainerResolver;
import io.isocore.api.v1alpha1.CpuHealth;
import io.isocore.api.v1alpha1.NoiseSourceShare;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.noise.HeldCpuSlo;
import io.isocore.core.noise.HeldCpuVerdict;
import io.isocore.core.noise.HeldNoiseBreach;
import io.isocore.core.noise.HeldNoiseKind;
import io.isocore.core.noise.HeldNoiseTracker;
import io.isocore.core.noise.NoisyCondition;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The held-CPU noise loop of one node: every window it reads the interrupt counters, the threads
 * and the owners' threads of the CPUs pods hold exclusively, folds what each CPU showed into a
 * {@link HeldNoiseTracker} against the profile's SLO, releases quarantined CPUs that a later probe
 * window found clean, and keeps the result for the status writer ({@link #noisy}), the NodeTopology
 * ({@link #cpuHealth}) and the gauge ({@link #noisyByPod}). Reads only; decisions are core's.
 */
public final class HeldNoiseMonitor implements CoreAllocationStatusBuilder.NoiseVerdicts {

  /**
   * The SLO the node's profile sets: none, one, or a problem naming the bad field.
   *
   * @param slo the SLO, when one is set and valid
   * @param problem what is wrong with the profile's {@code heldCpuNoise}, when something is
   */
  public record ProfileSlo(Optional<HeldCpuSlo> slo, Optional<String> problem) {

    /** No SLO. */
    public static final ProfileSlo NONE = new ProfileSlo(Optional.empty(), Optional.empty());
  }

  /** Where the probe's last windows and its own quarantine come from. */
  public interface ProbeView {
    /** The last completed window of every probed CPU. */
    List<ProbeWindow> lastWindows();

    /** CPUs the probe itself quarantines. */
    CpuSet quarantined();
  }

  private record View(ProfileSlo slo, Map<Integer, HeldCpuVerdict> verdicts) {}

  private final ProcNoiseReader reader;
  private final OwnerThreads ownerThreads;
  private final Supplier<Map<Integer, ContainerRef>> exclusive;
  private final Supplier<ProfileSlo> slo;
  private final ProbeView probe;
  private final Clock clock;
  private final HeldNoiseTracker tracker = new HeldNoiseTracker();
  private HeldCpuMeasure.Reading previous;
  private volatile View view = new View(ProfileSlo.NONE, Map.of());
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private Set<Integer> lastQuarantined = Set.of();

  /**
   * Creates the loop on the host under {@code root}.
   *
   * @param resolver names the containers a process belongs to
   * @param exclusive which container holds each exclusive CPU (the last enforcement pass)
   * @param slo the node's profile's SLO
   * @param probe the probe's last windows, to release CPUs it found clean
   */
  public HeldNoiseMonitor(
      Path root,
      ContainerResolver resolver,
      Supplier<Map<Integer, ContainerRef>> exclusive,
      Supplier<ProfileSlo> slo,
      ProbeView probe,
      Clock clock) {
    this.reader = new ProcNoiseReader(root);
    this.ownerThreads = new OwnerThreads(root.resolve("proc"), resolver);
    this.exclusive = exclusive;
    this.slo = slo;
    this.probe = probe;
    this.clock = clock;
  }

  /** Runs {@code onChange} after a window that changed the set of quarantined CPUs. */
  public void addListener(Runnable onChange) {
    listeners.add(onChange);
  }

  /** Closes the current window and opens the next one. */
  public synchronized void window() {
    measure();
    Set<Integer> quarantined = Set.copyOf(tracker.quarantined());
    if (!quarantined.equals(lastQuarantined)) {
      lastQuarantined = quarantined;
      listeners.forEach(Runnable::run);
    }
  }

  private void measure() {
    ProfileSlo current = slo.get();
    long now = clock.millis();
    if (current.problem().isPresent()) {
      // Bad input changes nothing on the node: quarantines stay as they were, nothing is measured.
      previous = null;
      view = new View(current, view.verdicts());
      return;
    }
    if (current.slo().isEmpty()) {
      tracker.observe(now, now, Map.of(), Optional.empty());
      previous = null;
      view = new View(current, Map.of());
      return;
    }
    Map<Integer, ContainerRef> held = Map.copyOf(exclusive.get());
    HeldCpuMeasure.Reading reading =
        HeldCpuMeasure.Reading.of(
            now,
            reader.snapshot(!held.isEmpty()),
            ownerThreads.read(Set.copyOf(held.values())),
            held);
    if (previous != null) {
      tracker.observe(
          previous.epochMillis(), now, HeldCpuMeasure.between(previous, reading), current.slo());
    }
    previous = reading;
    releaseProbedClean(current.slo().get(), held.keySet());
    view = new View(current, Map.copyOf(tracker.verdicts()));
  }

  private void releaseProbedClean(HeldCpuSlo s, Set<Integer> held) {
    CpuSet probeQuarantined = probe.quarantined();
    for (ProbeWindow w : probe.lastWindows()) {
      boolean interruptsOk =
          s.limit(HeldNoiseKind.INTERRUPTS).isEmpty()
              || w.interruptsPerSecond() < 0
              || w.interruptsPerSecond() <= s.limit(HeldNoiseKind.INTERRUPTS).getAsLong();
      if (!held.contains(w.cpu()) && !probeQuarantined.contains(w.cpu()) && interruptsOk) {
        long start = w.end().toEpochMilli() - w.elapsedNanos() / 1_000_000;
        tracker.probedClean(w.cpu(), start);
      }
    }
  }

  @Override
  public Optional<NoisyCondition> noisy(CpuSet exclusiveCpus) {
    View v = view;
    if (v.slo().problem().isPresent()) {
      return Optional.of(NoisyCondition.invalid(v.slo().problem().get()));
    }
    if (v.slo().slo().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(NoisyCondition.of(exclusiveCpus, v.verdicts()));
  }

  /** Whether each pod holding CPUs exclusively is noisy now, by namespace and pod. */
  public Map<List<String>, Boolean> noisyByPod() {
    Map<List<String>, CpuSet> pods =
        new TreeMap<>(java.util.Comparator.comparing(Object::toString));
    exclusive
        .get()
        .forEach(
            (cpu, ref) ->
                pods.merge(List.of(ref.namespace(), ref.pod()), CpuSet.of(cpu), CpuSet::union));
    Map<List<String>, Boolean> out =
        new TreeMap<>(java.util.Comparator.comparing(Object::toString));
    pods.forEach((pod, cpus) -> out.put(pod, noisy(cpus).map(NoisyCondition::noisy).orElse(false)));
    return out;
  }

  /**
   * NodeTopology cpuHealth entries of the CPUs quarantined as noisy (held now or not), with the
   * figures of the breach: the operator leaves them out of new placements.
   */
  public List<CpuHealth> cpuHealth() {
    List<CpuHealth> out = new ArrayList<>();
    for (HeldCpuVerdict v : view.verdicts().values()) {
      if (!v.noisy()) {
        continue;
      }
      HeldNoiseBreach b = v.breach().orElseThrow();
      out.add(
          new CpuHealth(
              v.cpu(),
              null,
              null,
              b.kind() == HeldNoiseKind.INTERRUPTS ? (double) Math.round(b.value()) : null,
              null,
              true,
              b.topSource()
                  .map(
                      s ->
                          List.of(
                              new NoiseSourceShare(
                                  s.name().length() <= 64 ? s.name() : s.name().substring(0, 64),
                                  s.kind().label(),
                                  Math.round(Math.max(0, Math.min(1, s.share())) * 1000) / 1000.0)))
                  .orElse(null)));
    }
    return out;
  }
}
