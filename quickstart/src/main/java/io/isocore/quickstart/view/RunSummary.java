package io.isocore.quickstart.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.isocore.quickstart.kubelet.RunningContainer;
import io.isocore.quickstart.kubelet.RunningPod;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
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
 * @param latency the workload's own histogram figures and, when it wrote one, the whole histogram
 *     ({@code latency.histogram}); null if it never reported
 * @param involuntaryContextSwitches preemptions of the latency workload
 * @param interruptsOnItsCpus interrupts delivered to its CPUs during the run
 * @param noise the agent's noise by source per window during the run (the report's {@code
 *     noise[]}); left out of the JSON when there is none (no agent, or no window closed)
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
    long interruptsOnItsCpus,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AgentNoise.Window> noise) {

  public RunSummary {
    noise = noise == null ? List.of() : List.copyOf(noise);
  }

  /** Collects the summary from the running pods, without noise windows. */
  public static RunSummary collect(
      boolean isolation,
      long seconds,
      Path proc,
      Collection<RunningPod> pods,
      Map<String, Long> interruptsAtStart) {
    return collect(isolation, seconds, proc, pods, interruptsAtStart, List.of());
  }

  /**
   * Collects the summary from the running pods, with the agent's noise windows of the run ({@link
   * AgentNoiseScraper#windows}).
   */
  public static RunSummary collect(
      boolean isolation,
      long seconds,
      Path proc,
      Collection<RunningPod> pods,
      Map<String, Long> interruptsAtStart,
      List<AgentNoise.Window> noise) {
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
        interrupts,
        noise);
  }

  /** Writes the summary as JSON. */
  public void write(Path file) throws IOException {
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
  }
}
