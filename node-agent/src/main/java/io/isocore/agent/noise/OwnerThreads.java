package io.isocore.agent.noise;

import io.isocore.agent.host.HostFiles;
import io.isocore.agent.telemetry.ContainerRef;
import io.isocore.agent.telemetry.ContainerResolver;
import io.isocore.core.telemetry.CgroupMembership;
import io.isocore.core.telemetry.ThreadSchedstat;
import io.isocore.core.telemetry.ThreadStat;
import io.isocore.core.telemetry.ThreadStatus;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the threads of the containers that hold exclusive CPUs, from {@code proc}: for each process
 * whose cgroup resolves (pod UID and container id) to one of {@code owners}, each thread's CPU,
 * involuntary switches and run-queue wait. Reads only; a thread that exits meanwhile is skipped.
 */
final class OwnerThreads {

  /**
   * One owner thread now.
   *
   * @param id tid and start time, so a reused tid is a new thread
   * @param tid the thread id
   * @param owner its container
   * @param processor the CPU it last ran on
   * @param involuntarySwitches {@code nonvoluntary_ctxt_switches}
   * @param waitNanos run-queue wait from schedstat, -1 without schedstat
   */
  record Sample(
      String id,
      long tid,
      ContainerRef owner,
      int processor,
      long involuntarySwitches,
      long waitNanos) {}

  private final Path proc;
  private final ContainerResolver resolver;

  OwnerThreads(Path proc, ContainerResolver resolver) {
    this.proc = proc;
    this.resolver = resolver;
  }

  /** The threads of {@code owners}' processes now. */
  List<Sample> read(Set<ContainerRef> owners) {
    List<Sample> out = new ArrayList<>();
    if (owners.isEmpty()) {
      return out;
    }
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, "[0-9]*")) {
      for (Path pid : pids) {
        Optional<ContainerRef> ref =
            HostFiles.read(pid.resolve("cgroup"))
                .flatMap(CgroupMembership::parse)
                .flatMap(resolver::resolve)
                .filter(owners::contains);
        if (ref.isPresent()) {
          threads(pid, ref.get(), out);
        }
      }
    } catch (IOException e) {
      return out; // no /proc: nothing measured, the samples say so
    }
    return out;
  }

  private static void threads(Path pid, ContainerRef owner, List<Sample> out) {
    try (DirectoryStream<Path> tids = Files.newDirectoryStream(pid.resolve("task"), "[0-9]*")) {
      for (Path task : tids) {
        Optional<String> stat = HostFiles.read(task.resolve("stat"));
        Optional<String> status = HostFiles.read(task.resolve("status"));
        if (stat.isEmpty() || status.isEmpty()) {
          continue;
        }
        try {
          ThreadStat st = ThreadStat.parse(stat.get());
          long wait =
              HostFiles.read(task.resolve("schedstat"))
                  .map(t -> ThreadSchedstat.parse(t).waitNanos())
                  .orElse(-1L);
          String tid = task.getFileName().toString();
          out.add(
              new Sample(
                  tid + "@" + st.startTimeTicks(),
                  Long.parseLong(tid),
                  owner,
                  st.processor(),
                  ThreadStatus.parse(status.get()).involuntaryContextSwitches(),
                  wait));
        } catch (IllegalArgumentException e) {
          // torn read of an exiting thread
        }
      }
    } catch (IOException e) {
      // the process exited while listed
    }
  }
}
