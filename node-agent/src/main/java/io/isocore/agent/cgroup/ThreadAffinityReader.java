package io.isocore.agent.cgroup;

import io.isocore.agent.host.HostFiles;
import io.isocore.core.cpu.CpuSet;
import io.isocore.core.telemetry.ThreadStatus;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads every thread's {@code Cpus_allowed_list} under a procfs root. */
public final class ThreadAffinityReader {

  private final Path proc;

  /**
   * Creates a reader.
   *
   * @param proc the procfs root, {@code /proc} on a node
   */
  public ThreadAffinityReader(Path proc) {
    this.proc = proc;
  }

  /**
   * Returns the affinity of every thread of {@code pid}; empty when the process is gone. Threads
   * that exit while being read are left out.
   *
   * @throws CgroupAccessException when a status file exists but cannot be read or parsed
   */
  public List<ThreadAffinity> threads(long pid) throws CgroupAccessException {
    Path tasks = proc.resolve(Long.toString(pid)).resolve("task");
    List<ThreadAffinity> out = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(tasks)) {
      for (Path task : stream) {
        long tid;
        try {
          tid = Long.parseLong(task.getFileName().toString());
        } catch (NumberFormatException e) {
          continue;
        }
        readAllowed(task.resolve("status"))
            .ifPresent(cpus -> out.add(new ThreadAffinity(pid, tid, cpus)));
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new CgroupAccessException("listing", tasks, e);
    }
    out.sort(java.util.Comparator.comparingLong(ThreadAffinity::tid));
    return out;
  }

  private static Optional<CpuSet> readAllowed(Path status) throws CgroupAccessException {
    String text;
    try {
      text = HostFiles.readRequired(status);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new CgroupAccessException("reading", status, e);
    }
    Optional<CpuSet> allowed;
    try {
      allowed = ThreadStatus.parseCpusAllowed(text);
    } catch (IllegalArgumentException e) {
      throw new CgroupAccessException(
          "parsing", status, new IOException("Cpus_allowed_list is not a CPU list", e));
    }
    if (allowed.isEmpty()) {
      throw new CgroupAccessException(
          "parsing", status, new IOException("no Cpus_allowed_list line"));
    }
    return allowed;
  }
}
