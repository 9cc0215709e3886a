package io.isocore.core.enforce;

/**
 * How a tenant's tickets become a CFS weight on the shared pool.
 *
 * <p>One ticket is one unit of cgroup v2 {@code cpu.weight}: a pod of a 100-ticket tenant gets the
 * kernel default weight 100, a 300-ticket tenant three times that. The weight is clamped to the
 * kernel's range 1..10000, so ratios hold only between 1 and 10000 tickets. Cgroup v1 {@code
 * cpu.shares} is derived exactly as the kernel converts {@code cpu.weight} to a scheduler weight
 * (weight × 1024 / 100, rounded to the closest), so both versions give the same CFS load weight;
 * the result lies in 10..102400, inside v1's 2..262144. See docs/enforcement.md for the limits.
 */
public final class CpuWeights {

  /** Smallest cgroup v2 {@code cpu.weight}. */
  public static final int MIN_WEIGHT = 1;

  /** Largest cgroup v2 {@code cpu.weight}. */
  public static final int MAX_WEIGHT = 10_000;

  /** The kernel's default {@code cpu.weight}. */
  public static final int DEFAULT_WEIGHT = 100;

  /** Smallest cgroup v1 {@code cpu.shares} the kernel accepts. */
  public static final long MIN_SHARES = 2;

  /** Largest cgroup v1 {@code cpu.shares} the kernel accepts. */
  public static final long MAX_SHARES = 262_144;

  private CpuWeights() {}

  /**
   * Returns the tickets a pod weighs with after ticket transfers: its own, minus those it lends,
   * plus those lent to it; never below 1, so a pod that lends everything keeps a minimal weight.
   *
   * @param own the tenant's effective tickets
   * @param lent tickets this pod lends to another pod
   * @param received tickets other pods on the node lend to this one
   */
  public static long effectiveTickets(long own, long lent, long received) {
    if (own < 0 || lent < 0 || received < 0) {
      throw new IllegalArgumentException(
          "tickets must not be negative: own=" + own + " lent=" + lent + " received=" + received);
    }
    return Math.max(1, own - lent + received);
  }

  /** Returns the {@code cpu.weight} for {@code tickets}, clamped to 1..10000. */
  public static int weightFromTickets(long tickets) {
    return (int) Math.clamp(tickets, MIN_WEIGHT, MAX_WEIGHT);
  }

  /**
   * Returns the cgroup v1 {@code cpu.shares} with the same CFS load as {@code cpu.weight} {@code
   * weight}: weight × 1024 / 100, rounded to the closest, clamped to 2..262144.
   *
   * @throws IllegalArgumentException if {@code weight} is outside 1..10000
   */
  public static long sharesFromWeight(int weight) {
    if (weight < MIN_WEIGHT || weight > MAX_WEIGHT) {
      throw new IllegalArgumentException(
          "cpu.weight " + weight + " is outside " + MIN_WEIGHT + ".." + MAX_WEIGHT);
    }
    long shares = (weight * 1024L + DEFAULT_WEIGHT / 2) / DEFAULT_WEIGHT;
    return Math.clamp(shares, MIN_SHARES, MAX_SHARES);
  }
}
