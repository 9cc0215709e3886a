package io.isocore.agent.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.core.cpu.CpuSet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadAffinityReaderTest {

  @TempDir Path proc;

  private void thread(long pid, long tid, String allowed) throws Exception {
    Path status = proc.resolve(pid + "/task/" + tid + "/status");
    Files.createDirectories(status.getParent());
    Files.writeString(
        status,
        "Name:\tjava\nCpus_allowed:\tff\nCpus_allowed_list:\t"
            + allowed
            + "\nMems_allowed_list:\t0\n");
  }

  @Test
  void readsEveryThreadOfAProcess() throws Exception {
    thread(42, 42, "0-3");
    thread(42, 43, "2");
    thread(7, 7, "1");

    assertThat(new ThreadAffinityReader(proc).threads(42))
        .containsExactly(
            new ThreadAffinity(42, 42, CpuSet.parse("0-3")),
            new ThreadAffinity(42, 43, CpuSet.of(2)));
  }

  @Test
  void aProcessThatIsGoneHasNoThreads() throws Exception {
    assertThat(new ThreadAffinityReader(proc).threads(99)).isEmpty();
  }
}
