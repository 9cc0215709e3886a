package io.isocore.quickstart.view;

import io.isocore.core.cpu.CpuSet;
import io.isocore.core.telemetry.ThreadStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What the kernel says about one process, summed over its threads: where they may run and how often
 * they were switched out.
 *
 * @param threads threads read
 * @param cpusAllowed union of the threads' Cpus_allowed_list
 * @param voluntary voluntary context switches
 * @param involuntary involuntary context switches (preemptions)
 * @param hotThreadCpus Cpus_allowed_list of the thread named {@value #HOT} (empty when none)
 * @param otherThreadsCpus union of every other thread's Cpus_allowed_list
 */
public record ProcessFacts(
    int threads,
    CpuSet cpusAllowed,
    long voluntary,
    long involuntary,
    CpuSet hotThreadCpus,
    CpuSet otherThreadsCpus) {

  /** The latency workload's measuring thread (LatencyWorkload.HOT_THREAD; comm, 15 chars max). */
  public static final String HOT = "isocore-hot";

  /** Reads /proc/{pid}/task/* under {@code proc}; empty facts when the process is gone. */
  public static ProcessFacts read(Path proc, long pid) {
    Path tasks = proc.resolve(Long.toString(pid)).resolve("task");
    int threads = 0;
    CpuSet allowed = CpuSet.empty();
    long voluntary = 0;
    long involuntary = 0;
    CpuSet hot = CpuSet.empty();
    CpuSet others = CpuSet.empty();
    try (Stream<Path> list = Files.list(tasks)) {
      for (Path task : list.toList()) {
        try {
          ThreadStatus status = ThreadStatus.parse(Files.readString(task.resolve("status")));
          threads++;
          CpuSet cpus = status.cpusAllowed().orElse(CpuSet.empty());
          allowed = allowed.union(cpus);
          if (HOT.equals(Files.readString(task.resolve("comm")).strip())) {
            hot = hot.union(cpus);
          } else {
            others = others.union(cpus);
          }
          voluntary += status.voluntaryContextSwitches();
          involuntary += status.involuntaryContextSwitches();
        } catch (IOException | IllegalArgumentException e) {
          // The thread exited while being read.
        }
      }
    } catch (IOException e) {
      return new ProcessFacts(0, CpuSet.empty(), 0, 0, CpuSet.empty(), CpuSet.empty());
    }
    return new ProcessFacts(threads, allowed, voluntary, involuntary, hot, others);
  }
}
