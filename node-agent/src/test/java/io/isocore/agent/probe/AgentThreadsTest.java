package io.isocore.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.isocore.core.cpu.CpuSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** After a pass the agent's threads leave the probe's CPUs; the probe thread keeps its own. */
class AgentThreadsTest {

  /** Threads by id with names and affinities; pins recorded. */
  private static final class Threads implements ProcessThreads {
    final Map<Long, CpuSet> affinity = new LinkedHashMap<>();
    final Map<Long, String> names = new LinkedHashMap<>();
    final List<String> pins = new ArrayList<>();

    @Override
    public long currentTid() {
      return 1;
    }

    @Override
    public List<Long> all() {
      return List.copyOf(affinity.keySet());
    }

    @Override
    public CpuSet affinity(long tid) {
      if (!affinity.containsKey(tid)) {
        throw new AffinityException("sched_getaffinity(" + tid + ")", 3);
      }
      return affinity.get(tid);
    }

    @Override
    public void pin(long tid, CpuSet cpus) {
      pins.add(tid + "->" + cpus);
      affinity.put(tid, cpus);
    }

    @Override
    public String cgroupFile(long tid) {
      return "";
    }

    @Override
    public String name(long tid) {
      return names.getOrDefault(tid, "");
    }
  }

  @Test
  void everyThreadButTheProbeThreadIsConfinedToTheRest() {
    Threads t = new Threads();
    t.affinity.put(1L, CpuSet.parse("0-3,6-7")); // main, widened with the cpuset
    t.names.put(1L, "java");
    t.affinity.put(2L, CpuSet.parse("0-3")); // already confined
    t.names.put(2L, "GC Thread#0");
    t.affinity.put(3L, CpuSet.of(6)); // the probe thread, pinned mid-window
    t.names.put(3L, "isocore-jitter-");
    t.affinity.put(4L, CpuSet.parse("0-3,6-7")); // the probe thread before it pinned itself
    t.names.put(4L, "isocore-jitter-");
    t.affinity.put(5L, CpuSet.parse("0-7")); // started since the last window
    t.names.put(5L, "vert.x-eventloo");

    int narrowed = AgentThreads.confine(t, CpuSet.parse("6-7"));

    assertThat(narrowed).isEqualTo(2);
    assertThat(t.pins).containsExactly("1->0-3", "5->0-5");
    assertThat(t.affinity)
        .containsEntry(3L, CpuSet.of(6))
        .containsEntry(4L, CpuSet.parse("0-3,6-7"));
    assertThat(AgentThreads.confine(t, CpuSet.empty())).isZero();
  }

  @Test
  void theKernelNamesAThreadNamedAsTheProbeThreadSoItIsFound() throws Exception {
    long[] tid = new long[1];
    String[] name = new String[1];
    Thread probe =
        Thread.ofPlatform()
            .name("isocore-jitter-probe") // as ProbeService names it
            .start(
                () -> {
                  tid[0] = ProcessThreads.SELF.currentTid();
                  name[0] = ProcessThreads.SELF.name(tid[0]);
                });
    probe.join();
    assertThat(name[0]).isEqualTo(AgentThreads.PROBE_THREAD).isEqualTo("isocore-jitter-");
  }
}
