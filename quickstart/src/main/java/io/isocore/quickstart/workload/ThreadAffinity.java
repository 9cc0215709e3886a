package io.isocore.quickstart.workload;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * A thread's CPU affinity through {@code sched_setaffinity(2)} (the FFM API, no JNI), and the
 * kernel's view of this process's threads under {@code /proc/self/task}. CPU sets are {@link
 * BitSet}s: the workload image holds the quickstart's jar and HdrHistogram only, not core.
 */
final class ThreadAffinity {

  /** glibc's cpu_set_t: 1024 CPUs. */
  private static final int MASK_BYTES = 128;

  private static final MethodHandle SET_AFFINITY =
      Linker.nativeLinker()
          .downcallHandle(
              Linker.nativeLinker().defaultLookup().find("sched_setaffinity").orElseThrow(),
              FunctionDescriptor.of(
                  ValueLayout.JAVA_INT,
                  ValueLayout.JAVA_INT,
                  ValueLayout.JAVA_LONG,
                  ValueLayout.ADDRESS));

  private ThreadAffinity() {}

  /**
   * Allows thread {@code tid} (0: the calling thread) only {@code cpus}.
   *
   * @return whether the kernel accepted it (a thread that exited, a CPU outside the cpuset: no)
   */
  static boolean set(int tid, BitSet cpus) {
    try (var arena = java.lang.foreign.Arena.ofConfined()) {
      MemorySegment mask = arena.allocate(MASK_BYTES);
      cpus.stream()
          .forEach(
              cpu -> {
                if (cpu < MASK_BYTES * 8) {
                  long index = cpu / 8;
                  mask.set(
                      ValueLayout.JAVA_BYTE,
                      index,
                      (byte) (mask.get(ValueLayout.JAVA_BYTE, index) | (1 << (cpu % 8))));
                }
              });
      return (int) SET_AFFINITY.invokeExact(tid, (long) MASK_BYTES, mask) == 0;
    } catch (Throwable e) {
      return false;
    }
  }

  /** The CPUs the calling thread may run on, from {@code /proc/thread-self/status}. */
  static BitSet current() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
      if (line.startsWith("Cpus_allowed_list:")) {
        return parse(line.substring("Cpus_allowed_list:".length()).trim());
      }
    }
    throw new IOException("no Cpus_allowed_list in /proc/thread-self/status");
  }

  /** Parses a Linux CPU list ({@code 0-2,5}). */
  static BitSet parse(String list) {
    BitSet cpus = new BitSet();
    for (String part : list.trim().split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String[] range = part.trim().split("-");
      int from = Integer.parseInt(range[0]);
      cpus.set(from, (range.length > 1 ? Integer.parseInt(range[1]) : from) + 1);
    }
    return cpus;
  }

  /** Formats a CPU set as a Linux list of single CPUs ({@code 0,2,5}). */
  static String format(BitSet cpus) {
    return String.join(",", cpus.stream().mapToObj(Integer::toString).toList());
  }

  /** The calling thread's id, from {@code /proc/thread-self}. */
  static int selfTid() throws IOException {
    return Integer.parseInt(Path.of("/proc/thread-self").toRealPath().getFileName().toString());
  }

  /** This process's thread ids. */
  static List<Integer> tids() throws IOException {
    List<Integer> tids = new ArrayList<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      tasks.forEach(t -> tids.add(Integer.parseInt(t.getFileName().toString())));
    }
    return tids;
  }

  /**
   * The calling thread's scheduler figures: {@code {nonvoluntary context switches, run-queue wait
   * ns}} from {@code /proc/thread-self/status} and {@code schedstat}.
   */
  static long[] schedFigures() {
    try {
      long nonvoluntary = 0;
      for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
        if (line.startsWith("nonvoluntary_ctxt_switches:")) {
          nonvoluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
        }
      }
      String[] schedstat =
          Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split(" ");
      return new long[] {nonvoluntary, Long.parseLong(schedstat[1])};
    } catch (IOException | RuntimeException e) {
      return new long[] {-1, -1};
    }
  }
}
