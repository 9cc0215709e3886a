package io.isocore.agent.probe;

import io.isocore.core.cpu.CpuSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** This process's threads and their affinities; {@link #SELF} in production, fakes in tests. */
interface ProcessThreads {

  /** Returns the calling thread's id in this process's PID namespace. */
  long currentTid();

  /** Returns the ids of this process's threads. */
  List<Long> all();

  /** Returns thread {@code tid}'s affinity. */
  CpuSet affinity(long tid);

  /** Restricts thread {@code tid} to {@code cpus}; throws {@link AffinityException} on refusal. */
  void pin(long tid, CpuSet cpus);

  /** Returns the text of thread {@code tid}'s {@code cgroup} file. */
  String cgroupFile(long tid) throws IOException;

  /** Returns thread {@code tid}'s name as the kernel shows it ({@code comm}, 15 characters). */
  default String name(long tid) {
    return "";
  }

  /** Reads {@code /proc/thread-self} and {@code /proc/self/task}, pins through FFM. */
  ProcessThreads SELF =
      new ProcessThreads() {
        private final Path proc = Path.of("/proc");

        @Override
        public long currentTid() {
          try {
            // "<pid>/task/<tid>"
            return Long.parseLong(
                Files.readSymbolicLink(proc.resolve("thread-self")).getFileName().toString());
          } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/thread-self", e);
          }
        }

        @Override
        public List<Long> all() {
          List<Long> tids = new ArrayList<>();
          try (Stream<Path> tasks = Files.list(proc.resolve("self/task"))) {
            tasks.forEach(t -> tids.add(Long.parseLong(t.getFileName().toString())));
          } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/self/task", e);
          }
          return tids;
        }

        @Override
        public CpuSet affinity(long tid) {
          return Affinity.ofThread(tid);
        }

        @Override
        public void pin(long tid, CpuSet cpus) {
          Affinity.setThread(tid, cpus);
        }

        @Override
        public String cgroupFile(long tid) throws IOException {
          return Files.readString(proc.resolve("self/task/" + tid + "/cgroup"));
        }

        @Override
        public String name(long tid) {
          try {
            return Files.readString(proc.resolve("self/task/" + tid + "/comm")).strip();
          } catch (IOException e) {
            return ""; // exited
          }
        }
      };
}
