package io.isocore.core.noise;

import io.isocore.core.cpu.CpuSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code Noisy} condition of one allocation, from the verdicts of its exclusive CPUs. Its
 * message carries the figures frozen when the state changed, so a steady allocation's condition
 * does not change from one window to the next (no status write).
 *
 * @param status {@code True}, {@code False} or {@code Unknown}
 * @param reason PascalCase: the breached kind's reason ({@link HeldNoiseKind#reason()}), {@value
 *     #WITHIN_SLO}, {@value #NOT_MEASURED} or {@value #INVALID_SLO}
 * @param message what a human reads
 */
public record NoisyCondition(String status, String reason, String message) {

  /** Every held CPU of the allocation is within the SLO. */
  public static final String WITHIN_SLO = "WithinSlo";

  /** No full window has been measured on the allocation's CPUs yet. */
  public static final String NOT_MEASURED = "NotMeasured";

  /** The profile's {@code heldCpuNoise} is invalid: nothing is measured against it. */
  public static final String INVALID_SLO = "InvalidSlo";

  /** Whether the condition says noisy. */
  public boolean noisy() {
    return "True".equals(status);
  }

  /**
   * The condition of an allocation when the profile's SLO is invalid ({@code problem} names it).
   */
  public static NoisyCondition invalid(String problem) {
    return new NoisyCondition("Unknown", INVALID_SLO, problem);
  }

  /**
   * The condition of an allocation holding {@code cpus} exclusively.
   *
   * @param verdicts the tracker's verdicts; a CPU without one has not been measured yet
   */
  public static NoisyCondition of(CpuSet cpus, Map<Integer, HeldCpuVerdict> verdicts) {
    List<HeldNoiseBreach> noisy = new ArrayList<>();
    List<HeldNoiseBreach> cleared = new ArrayList<>();
    boolean measured = false;
    for (int cpu : cpus.toList()) {
      HeldCpuVerdict v = verdicts.get(cpu);
      if (v == null) {
        continue;
      }
      measured = true;
      if (v.noisy()) {
        noisy.add(v.breach().orElseThrow());
      } else {
        v.breach().ifPresent(cleared::add);
      }
    }
    if (!noisy.isEmpty()) {
      return new NoisyCondition(
          "True",
          noisy.get(0).kind().reason(),
          String.join("; ", noisy.stream().map(HeldNoiseBreach::message).toList())
              + ". isocore does not move a running pod: the CPU is quarantined for new"
              + " placements; fix the source or delete the pod to have it placed again");
    }
    if (!measured) {
      return new NoisyCondition(
          "Unknown",
          NOT_MEASURED,
          "CPUs " + cpus.toListString() + ": no full measurement window yet");
    }
    String within = "CPUs " + cpus.toListString() + " within the held-CPU noise SLO";
    if (cleared.isEmpty()) {
      return new NoisyCondition("False", WITHIN_SLO, within);
    }
    return new NoisyCondition(
        "False",
        WITHIN_SLO,
        within
            + " again; it was "
            + String.join("; ", cleared.stream().map(HeldNoiseBreach::message).toList()));
  }
}
