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
 */
public record ProcessFacts(int threads, CpuSet cpusAllowed, long voluntary, long involuntary) {

  /** Reads /proc/{pid}/task/* under {@code proc}; empty facts when the process is gone. */
  public static ProcessFacts read(Path proc, long pid) {
    Path tasks = proc.resolve(Long.toString(pid)).resolve("task");
    int threads = 0;
    CpuSet allowed = CpuSet.empty();
    long voluntary = 0;
    long involuntary = 0;
    try (Stream<Path> list = Files.list(tasks)) {
      for (Path task : list.toList()) {
        try {
          ThreadStatus status = ThreadStatus.parse(Files.readString(task.resolve("status")));
          threads++;
          allowed = allowed.union(status.cpusAllowed().orElse(CpuSet.empty()));
          voluntary += status.voluntaryContextSwitches();
          involuntary += status.involuntaryContextSwitches();
        } catch (IOException | IllegalArgumentException e) {
          // The thread exited while being read.
        }
      }
    } catch (IOException e) {
      return new ProcessFacts(0, CpuSet.empty(), 0, 0);
    }
    return new ProcessFacts(threads, allowed, voluntary, involuntary);
  }
}
