package io.isocore.quickstart.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.isocore.quickstart.kubelet.RunningContainer;
import io.isocore.quickstart.kubelet.RunningPod;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The latency workload's figures at the end of a run, for {@code bench/isolation}.
 *
 * @param isolation whether isocore enforced
 * @param seconds how long the run lasted
 * @param cpusAllowed where the latency workload's threads could run
 * @param hotThreadCpus where the latency workload's measuring thread could run
 * @param otherThreadsCpus where its other threads (GC, JIT, housekeeping) could run
 * @param noisyCpusAllowed where the noisy neighbour's threads could run
 * @param latency the workload's own histogram figures; null if it never reported
 * @param involuntaryContextSwitches preemptions of the latency workload
 * @param interruptsOnItsCpus interrupts delivered to its CPUs during the run
 */
public record RunSummary(
    boolean isolation,
    long seconds,
    String cpusAllowed,
    String hotThreadCpus,
    String otherThreadsCpus,
    String noisyCpusAllowed,
    LatencyStats latency,
    long involuntaryContextSwitches,
    long interruptsOnItsCpus) {

  /** Collects the summary from the running pods. */
  public static RunSummary collect(
      boolean isolation,
      long seconds,
      Path proc,
      Collection<RunningPod> pods,
      Map<String, Long> interruptsAtStart) {
    String cpus = "";
    String hot = "";
    String others = "";
    String noisy = "";
    Optional<LatencyStats> latency = Optional.empty();
    long involuntary = 0;
    long interrupts = 0;
    for (RunningPod pod : pods) {
      for (RunningContainer c : pod.containers()) {
        ProcessFacts facts = ProcessFacts.read(proc, c.pid());
        if (c.latencyWorkload()) {
          cpus = facts.cpusAllowed().toString();
          hot = facts.hotThreadCpus().toString();
          others = facts.otherThreadsCpus().toString();
          latency = LatencyStats.read(c.stats());
          involuntary = facts.involuntary();
          long now = CpuInterrupts.total(proc, facts.cpusAllowed());
          interrupts = now - interruptsAtStart.getOrDefault(cpus, now);
        } else {
          noisy = facts.cpusAllowed().toString();
        }
      }
    }
    return new RunSummary(
        isolation,
        seconds,
        cpus,
        hot,
        others,
        noisy,
        latency.orElse(null),
        involuntary,
        interrupts);
  }

  /** Writes the summary as JSON. */
  public void write(Path file) throws IOException {
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
  }
}
