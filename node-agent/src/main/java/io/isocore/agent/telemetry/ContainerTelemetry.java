package io.isocore.agent.telemetry;

import io.isocore.agent.host.HostFiles;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.telemetry.CgroupMembership;
import io.isocore.core.telemetry.MonotonicCounters;
import io.isocore.core.telemetry.ThreadSched;
import io.isocore.core.telemetry.ThreadSchedstat;
import io.isocore.core.telemetry.ThreadStat;
import io.isocore.core.telemetry.ThreadStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Per-container telemetry summed over the container's threads: context switches, run-queue wait,
 * CPU migrations, page faults, and real-time threads on exclusive CPUs. Reads only {@code /proc}
 * (from the agent's CPUs); nothing runs on the containers' CPUs.
 *
 * <p>Each thread is a source identified by tid and start time (tids are reused), so a series never
 * falls when threads exit ({@link MonotonicCounters}). A container absent from a sweep is dropped.
 */
public final class ContainerTelemetry {

  /** The counters kept per container. */
  public enum Counter {
    VOLUNTARY_SWITCHES,
    INVOLUNTARY_SWITCHES,
    RUNQUEUE_WAIT_NANOS,
    MIGRATIONS,
    MINOR_FAULTS,
    MAJOR_FAULTS
  }

  private record Series(ContainerRef ref, Counter counter) {}

  private final HostFiles proc;
  private final ContainerResolver resolver;
  private final Supplier<CpuSet> exclusiveCpus;
  private final MonotonicCounters<Series> counters = new MonotonicCounters<>(true);
  private final Set<ContainerRef> migrationsSeen = new HashSet<>();
  private Map<ContainerRef, Integer> rtThreads = Map.of();
  private Set<ContainerRef> present = Set.of();

  /**
   * Creates a collector.
   *
   * @param proc {@code /proc}
   * @param resolver names the latency containers
   * @param exclusiveCpus the CPUs held by pods (for the real-time thread check)
   */
  public ContainerTelemetry(
      HostFiles proc, ContainerResolver resolver, Supplier<CpuSet> exclusiveCpus) {
    this.proc = proc;
    this.resolver = resolver;
    this.exclusiveCpus = exclusiveCpus;
  }

  /** Scans every process once and folds its threads into the per-container totals. */
  public synchronized void refresh() {
    CpuSet exclusive = exclusiveCpus.get();
    Map<ContainerRef, Integer> rt = new HashMap<>();
    Set<ContainerRef> seen = new HashSet<>();
    List<Path> pids = resolver.isEmpty() ? List.of() : numericChildren(proc.root());
    for (Path pidDir : pids) {
      Optional<ContainerRef> ref =
          HostFiles.read(pidDir.resolve("cgroup"))
              .flatMap(CgroupMembership::parse)
              .flatMap(resolver::resolve);
      if (ref.isEmpty()) {
        continue;
      }
      seen.add(ref.get());
      rt.putIfAbsent(ref.get(), 0);
      for (Path task : numericChildren(pidDir.resolve("task"))) {
        readThread(ref.get(), task, exclusive, rt);
      }
    }
    counters.endSweep();
    for (ContainerRef gone : present) {
      if (!seen.contains(gone)) {
        for (Counter c : Counter.values()) {
          counters.remove(new Series(gone, c));
        }
        migrationsSeen.remove(gone);
      }
    }
    present = Set.copyOf(seen);
    rtThreads = Map.copyOf(rt);
  }

  private void readThread(
      ContainerRef ref, Path task, CpuSet exclusive, Map<ContainerRef, Integer> rt) {
    Optional<String> statText = HostFiles.read(task.resolve("stat"));
    Optional<String> statusText = HostFiles.read(task.resolve("status"));
    if (statText.isEmpty() || statusText.isEmpty()) {
      return; // exited while we listed it
    }
    ThreadStat stat;
    ThreadStatus status;
    try {
      stat = ThreadStat.parse(statText.get());
      status = ThreadStatus.parse(statusText.get());
    } catch (IllegalArgumentException e) {
      return; // torn read of an exiting thread
    }
    String id = task.getFileName() + "@" + stat.startTimeTicks();
    counters.observe(
        new Series(ref, Counter.VOLUNTARY_SWITCHES), id, status.voluntaryContextSwitches());
    counters.observe(
        new Series(ref, Counter.INVOLUNTARY_SWITCHES), id, status.involuntaryContextSwitches());
    counters.observe(new Series(ref, Counter.MINOR_FAULTS), id, stat.minorFaults());
    counters.observe(new Series(ref, Counter.MAJOR_FAULTS), id, stat.majorFaults());
    HostFiles.read(task.resolve("schedstat"))
        .ifPresent(
            t ->
                counters.observe(
                    new Series(ref, Counter.RUNQUEUE_WAIT_NANOS),
                    id,
                    ThreadSchedstat.parse(t).waitNanos()));
    OptionalLong migrations =
        HostFiles.read(task.resolve("sched"))
            .map(ThreadSched::migrations)
            .orElse(OptionalLong.empty());
    if (migrations.isPresent()) {
      counters.observe(new Series(ref, Counter.MIGRATIONS), id, migrations.getAsLong());
      migrationsSeen.add(ref);
    }
    boolean onExclusive =
        exclusive.contains(stat.processor())
            || status
                .cpusAllowed()
                .map(a -> !a.isEmpty() && exclusive.containsAll(a))
                .orElse(false);
    if (stat.realtime() && onExclusive) {
      rt.merge(ref, 1, Integer::sum);
    }
  }

  private static List<Path> numericChildren(Path dir) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> stream =
        Files.newDirectoryStream(dir, p -> isNumber(p.getFileName().toString()))) {
      stream.forEach(out::add);
    } catch (NoSuchFileException e) {
      return List.of(); // the process exited
    } catch (IOException e) {
      if (!Files.exists(dir)) {
        return List.of();
      }
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return out;
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** Returns the containers seen in the last sweep. */
  public synchronized Set<ContainerRef> containers() {
    return present;
  }

  /** Returns one container's total for {@code counter}; empty when never observed. */
  public synchronized OptionalLong total(ContainerRef ref, Counter counter) {
    if (counter == Counter.MIGRATIONS && !migrationsSeen.contains(ref)) {
      return OptionalLong.empty(); // no /proc/.../sched on this kernel
    }
    if (!present.contains(ref)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(counters.total(new Series(ref, counter)));
  }

  /** Returns, per container, its real-time threads on exclusive CPUs in the last sweep. */
  public synchronized Map<ContainerRef, Integer> realtimeThreadsOnExclusiveCpus() {
    return rtThreads;
  }
}
