package io.isocore.core.enforce;

/**
 * The pod-level CFS weight of a latency pod in {@link ShareWeighting#POD} mode: what the kubelet
 * derives from the pod's CPU requests, times the tenant's ticket factor {@code tickets / 100}.
 *
 * <pre>
 * kubelet, v1:  S = clamp(requestMilli × 1024 / 1000, 2, 262144)      (MilliCPUToShares)
 * kubelet, v2:  W = 1 + (S − 2) × 9999 / 262142                        (CpuSharesToCpuWeight)
 * isocore, v1:  cpu.shares = round(S × tickets / 100)   must lie in 2..262144
 * isocore, v2:  cpu.weight = round(W × tickets / 100)   must lie in 1..10000
 * </pre>
 *
 * All divisions of the kubelet's formulas are integer divisions, as in the kubelet. A pod of a
 * 100-ticket tenant keeps exactly the kubelet's value; two pods with equal requests weigh in the
 * ratio of their tickets. A result below the kernel's minimum is raised to it (a pod that lent its
 * tickets away keeps a minimal weight, never 0); a result above the maximum is refused, since
 * clamping it would silently break the ratio the tickets promise.
 */
public final class PodCpuWeight {

  /** The tickets that leave the kubelet's value unchanged (factor 1). */
  public static final long UNIT_TICKETS = 100;

  /** Which weight file the pod cgroup has. */
  public enum Unit {
    /** cgroup v1 {@code cpu.shares}, 2..262144. */
    CPU_SHARES_V1(CpuWeights.MIN_SHARES, CpuWeights.MAX_SHARES, "cpu.shares"),
    /** cgroup v2 {@code cpu.weight}, 1..10000. */
    CPU_WEIGHT_V2(CpuWeights.MIN_WEIGHT, CpuWeights.MAX_WEIGHT, "cpu.weight");

    private final long min;
    private final long max;
    private final String file;

    Unit(long min, long max, String file) {
      this.min = min;
      this.max = max;
      this.file = file;
    }

    /** The smallest value the kernel accepts. */
    public long min() {
      return min;
    }

    /** The largest value the kernel accepts. */
    public long max() {
      return max;
    }

    /** The file's name. */
    public String file() {
      return file;
    }
  }

  /** What to leave in the pod cgroup's weight file. */
  public sealed interface Decision {}

  /**
   * The kubelet's own value (Container mode, no tickets known, or restoring after the pod left).
   *
   * @param value the value the kubelet derives from the requests
   */
  public record Kubelet(long value) implements Decision {}

  /**
   * The kubelet's value scaled by the ticket factor.
   *
   * @param value the value to write
   * @param kubelet the kubelet's value it was scaled from (restored when the pod leaves)
   */
  public record Scaled(long value, long kubelet) implements Decision {}

  /**
   * The tickets would put the weight outside the kernel's range; nothing is written.
   *
   * @param reason the arithmetic and the range, for a condition
   */
  public record OutOfRange(String reason) implements Decision {}

  private PodCpuWeight() {}

  /** The kubelet's v1 {@code cpu.shares} for a pod requesting {@code requestMilli} millicores. */
  public static long kubeletShares(long requestMilli) {
    if (requestMilli < 0) {
      throw new IllegalArgumentException("CPU request must not be negative: " + requestMilli + "m");
    }
    return Math.clamp(requestMilli * 1024 / 1000, CpuWeights.MIN_SHARES, CpuWeights.MAX_SHARES);
  }

  /** The kubelet's v2 {@code cpu.weight} for v1 shares {@code shares} (2..262144). */
  public static long kubeletWeight(long shares) {
    return 1
        + (Math.clamp(shares, CpuWeights.MIN_SHARES, CpuWeights.MAX_SHARES) - 2) * 9999 / 262142;
  }

  /** The kubelet's value in {@code unit} for a pod requesting {@code requestMilli} millicores. */
  public static long kubeletValue(Unit unit, long requestMilli) {
    long shares = kubeletShares(requestMilli);
    return unit == Unit.CPU_SHARES_V1 ? shares : kubeletWeight(shares);
  }

  /**
   * Decides the pod cgroup's weight.
   *
   * @param unit the pod cgroup's weight file
   * @param mode the profile's share weighting
   * @param requestMilli the pod's CPU request in millicores, as the kubelet sums it
   * @param tickets the pod's tickets after transfers ({@link CpuWeights#effectiveTickets}); {@code
   *     0} or less means none known
   */
  public static Decision decide(Unit unit, ShareWeighting mode, long requestMilli, long tickets) {
    long kubelet = kubeletValue(unit, requestMilli);
    if (mode != ShareWeighting.POD || tickets <= 0) {
      return new Kubelet(kubelet);
    }
    long scaled = Math.round((double) kubelet * tickets / UNIT_TICKETS);
    if (scaled > unit.max()) {
      return new OutOfRange(
          unit.file()
              + " "
              + kubelet
              + " (from "
              + requestMilli
              + "m requested) × "
              + tickets
              + " tickets / "
              + UNIT_TICKETS
              + " = "
              + scaled
              + " is above the kernel's maximum "
              + unit.max());
    }
    return new Scaled(Math.max(scaled, unit.min()), kubelet);
  }
}
