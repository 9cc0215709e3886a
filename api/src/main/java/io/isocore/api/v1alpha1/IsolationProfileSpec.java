package io.isocore.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/**
 * The desired carving of the matched nodes.
 *
 * @param nodeSelector labels a node must carry to match
 * @param reservedCpus housekeeping CPUs, never handed to a latency pod
 * @param isolatedCpus where the CPUs for latency pods come from
 * @param smtPolicy how SMT siblings are handed out
 * @param numaPolicy whether a pod's exclusive cores must share one NUMA node
 * @param irqSteering whether the agent moves IRQs off exclusive CPUs
 * @param unallocatedIsolatedCpus whether free isolated CPUs join the shared pool
 * @param jitterProbe how the agent probes idle isolated CPUs
 * @param quarantineThresholdNanoseconds jitter above which a core is not handed out
 * @param shareWeighting where tickets become CFS weights: container cgroups only, or also pods
 * @param heldCpuNoise the noise SLO of held exclusive CPUs (beside the probe's quarantine threshold
 *     for idle ones); unset: no SLO
 */
@JsonClassDescription(
    "Which nodes, which CPUs are reserved and isolated, and the placement policies.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IsolationProfileSpec(
    @JsonPropertyDescription(
            "Labels a node must carry for this profile to apply. Empty matches every node.")
        Map<String, String> nodeSelector,
    @JsonPropertyDescription(
            "Housekeeping CPUs (Linux list format, e.g. 0-1): kubelet, runtime and system daemons"
                + " run here; never allocated to a latency pod.")
        @Required
        @Pattern(CpuLists.NON_EMPTY)
        @Size(max = CpuLists.MAX_LENGTH)
        String reservedCpus,
    @JsonPropertyDescription("Where the isolated CPUs for latency pods come from.")
        IsolatedCpus isolatedCpus,
    @JsonPropertyDescription(
            "FullCores: a pod gets whole physical cores with all their SMT siblings. IdleSiblings:"
                + " a pod gets one CPU per core and the sibling stays idle.")
        @Default("FullCores")
        SmtPolicy smtPolicy,
    @JsonPropertyDescription(
            "SingleNodeRequired: a pod's exclusive cores and hugepages come from one NUMA node or"
                + " it is not placed. SingleNodePreferred: spill across nodes when no single node"
                + " fits.")
        @Default("SingleNodeRequired")
        NumaPolicy numaPolicy,
    @JsonPropertyDescription("Move movable IRQs off exclusive CPUs while they are held.")
        @Default("true")
        Boolean irqSteering,
    @JsonPropertyDescription(
            "Idle: isolated CPUs no pod holds stay idle (quietest). Shared: they join the shared"
                + " pool until allocated.")
        @Default("Idle")
        UnallocatedPolicy unallocatedIsolatedCpus,
    @JsonPropertyDescription("Jitter probing of idle isolated CPUs.") JitterProbeSpec jitterProbe,
    @JsonPropertyDescription(
            "A core whose last jitter window's max exceeds this many nanoseconds is not handed"
                + " out. Unset: no quarantine.")
        @Min(1000)
        Long quarantineThresholdNanoseconds,
    @JsonPropertyDescription(
            "Container: tickets set the cpu.weight/cpu.shares of latency pods' shared containers,"
                + " which ranks a pod's containers only. Pod: also the pod cgroup's, the kubelet's"
                + " value x tickets/100, so pods on the shared pool compete in ticket ratio.")
        @Default("Container")
        ShareWeighting shareWeighting,
    @JsonPropertyDescription(
            "Noise SLO of CPUs a pod holds exclusively (no probe runs there): interrupts, the"
                + " owner's involuntary switches and run-queue wait per second. A held CPU above a"
                + " limit for forSeconds makes its CoreAllocation Noisy and is quarantined for new"
                + " placements until clean again; the pod is never moved. Unset: no SLO.")
        HeldCpuNoiseSpec heldCpuNoise) {

  /** The spec before {@code heldCpuNoise} existed: no held-CPU noise SLO. */
  public IsolationProfileSpec(
      Map<String, String> nodeSelector,
      String reservedCpus,
      IsolatedCpus isolatedCpus,
      SmtPolicy smtPolicy,
      NumaPolicy numaPolicy,
      Boolean irqSteering,
      UnallocatedPolicy unallocatedIsolatedCpus,
      JitterProbeSpec jitterProbe,
      Long quarantineThresholdNanoseconds,
      ShareWeighting shareWeighting) {
    this(
        nodeSelector,
        reservedCpus,
        isolatedCpus,
        smtPolicy,
        numaPolicy,
        irqSteering,
        unallocatedIsolatedCpus,
        jitterProbe,
        quarantineThresholdNanoseconds,
        shareWeighting,
        null);
  }

  /** The spec before {@code shareWeighting} existed: Container weighting. */
  public IsolationProfileSpec(
      Map<String, String> nodeSelector,
      String reservedCpus,
      IsolatedCpus isolatedCpus,
      SmtPolicy smtPolicy,
      NumaPolicy numaPolicy,
      Boolean irqSteering,
      UnallocatedPolicy unallocatedIsolatedCpus,
      JitterProbeSpec jitterProbe,
      Long quarantineThresholdNanoseconds) {
    this(
        nodeSelector,
        reservedCpus,
        isolatedCpus,
        smtPolicy,
        numaPolicy,
        irqSteering,
        unallocatedIsolatedCpus,
        jitterProbe,
        quarantineThresholdNanoseconds,
        null,
        null);
  }

  /** Where tickets become CFS weights. */
  public enum ShareWeighting {
    /** On the shared containers' cgroups only. */
    Container,
    /** Also on the pod cgroups of latency pods, scaled from the kubelet's value. */
    Pod
  }

  /** How SMT siblings are handed out. */
  public enum SmtPolicy {
    /** Whole physical cores, every sibling to the same container. */
    FullCores,
    /** One CPU per physical core; the sibling stays idle. */
    IdleSiblings
  }

  /** Whether exclusive cores must share a NUMA node. */
  public enum NumaPolicy {
    /** One NUMA node or no placement. */
    SingleNodeRequired,
    /** One NUMA node where possible. */
    SingleNodePreferred
  }

  /** What unallocated isolated CPUs do. */
  public enum UnallocatedPolicy {
    /** Stay idle. */
    Idle,
    /** Join the shared pool. */
    Shared
  }
}
