package io.isocore.agent.noise;

import io.isocore.core.noise.CounterTable;
import io.isocore.core.noise.CpuTimes;
import io.isocore.core.noise.NoiseSnapshot;
import io.isocore.core.noise.ProcCounterTables;
import io.isocore.core.noise.ProcStatTimes;
import io.isocore.core.noise.TaskFiles;
import io.isocore.core.noise.TaskSample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * Takes {@link NoiseSnapshot}s of a host under {@code root}: {@code /proc/interrupts}, {@code
 * /proc/softirqs}, {@code /proc/stat} and every thread's {@code stat}/{@code schedstat}. A file it
 * cannot read leaves its part empty and is listed in {@link #unreadable()}, so the caller can say
 * what it could not see (a thread that exited meanwhile is not listed).
 */
public final class ProcNoiseReader {

  /** Most threads sampled in one snapshot. */
  static final int MAX_TASKS = 65_536;

  private final Path root;
  private final boolean irqTimeAccounted;
  private final Set<String> unreadable = new LinkedHashSet<>();

  /**
   * Reads under {@code root}; whether IRQ time is accounted is read once from the kernel config.
   */
  public ProcNoiseReader(Path root) {
    this.root = root;
    this.irqTimeAccounted = irqTimeAccounting(root);
  }

  /** Whether the kernel accounts IRQ time ({@code CONFIG_IRQ_TIME_ACCOUNTING=y}). */
  public boolean irqTimeAccounted() {
    return irqTimeAccounted;
  }

  /** Files that could not be read so far, with the reason. */
  public List<String> unreadable() {
    return List.copyOf(unreadable);
  }

  /** Takes a snapshot now; {@code withTasks} false skips the thread walk. */
  public NoiseSnapshot snapshot(boolean withTasks) {
    long now = System.nanoTime();
    CounterTable interrupts =
        read("proc/interrupts", t -> ProcCounterTables.interrupts("/proc/interrupts", t))
            .orElse(CounterTable.EMPTY);
    CounterTable softirqs =
        read("proc/softirqs", t -> ProcCounterTables.softirqs("/proc/softirqs", t))
            .orElse(CounterTable.EMPTY);
    Map<Integer, CpuTimes> times =
        read("proc/stat", t -> ProcStatTimes.parse("/proc/stat", t)).orElse(Map.of());
    Map<Long, TaskSample> tasks = withTasks ? tasks() : Map.of();
    return new NoiseSnapshot(now, interrupts, softirqs, times, tasks, irqTimeAccounted);
  }

  private <T> Optional<T> read(String relative, Function<String, T> parse) {
    Path file = root.resolve(relative);
    try {
      return Optional.of(parse.apply(Files.readString(file, StandardCharsets.ISO_8859_1)));
    } catch (IOException | RuntimeException e) {
      unreadable.add("/" + relative + " (" + e.getMessage() + ")");
      return Optional.empty();
    }
  }

  private Map<Long, TaskSample> tasks() {
    Map<Long, TaskSample> out = new HashMap<>();
    boolean schedstatMissing = false;
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(root.resolve("proc"), "[0-9]*")) {
      for (Path pid : pids) {
        try (DirectoryStream<Path> tids = Files.newDirectoryStream(pid.resolve("task"))) {
          for (Path tid : tids) {
            if (out.size() >= MAX_TASKS) {
              unreadable.add("threads beyond the first " + MAX_TASKS + " (not sampled)");
              return out;
            }
            Optional<String> schedstat = readQuietly(tid.resolve("schedstat"));
            schedstatMissing |= schedstat.isEmpty();
            readQuietly(tid.resolve("stat"))
                .map(s -> TaskFiles.parse(tid.resolve("stat").toString(), s, schedstat))
                .ifPresent(t -> out.put(t.tid(), t));
          }
        } catch (IOException | RuntimeException e) {
          // the process exited while being listed, or its task directory is not ours to read
        }
      }
    } catch (IOException e) {
      unreadable.add("/proc/*/task (" + e.getMessage() + ")");
    }
    if (schedstatMissing) {
      unreadable.add("some /proc/*/task/*/schedstat (thread run time from stat ticks instead)");
    }
    return out;
  }

  private static Optional<String> readQuietly(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean irqTimeAccounting(Path root) {
    String key = "CONFIG_IRQ_TIME_ACCOUNTING=y";
    Path gz = root.resolve("proc/config.gz");
    if (Files.isReadable(gz)) {
      try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)
            .lines()
            .anyMatch(key::equals);
      } catch (IOException e) {
        return false;
      }
    }
    String release = readQuietly(root.resolve("proc/sys/kernel/osrelease")).orElse("").strip();
    return !release.isEmpty()
        && readQuietly(root.resolve("boot/config-" + release))
            .orElse("")
            .lines()
            .anyMatch(key::equals);
  }
}
