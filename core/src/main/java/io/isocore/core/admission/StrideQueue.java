package io.isocore.core.admission;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Stride scheduling (Waldspurger and Weihl, 1995) applied to admission: each tenant has a pass; the
 * valid tenant with the lowest pass (ties by name) that has a pod that fits goes next, and its pass
 * advances by {@code stride x cores admitted}, where {@code stride = }{@link #STRIDE1}{@code /
 * effective tickets}. A tenant that becomes active (its first pending pod) starts at the current
 * minimum pass of the active tenants, never behind it and never at 0, and keeps a pass that is
 * ahead; so leaving and coming back earns nothing.
 */
public final class StrideQueue extends AdmissionQueue {

  /** The stride of a tenant with one ticket: large, so strides stay exact enough as integers. */
  public static final long STRIDE1 = 1L << 40;

  private static final long REBASE_ABOVE = 1L << 61;

  /** The pass of the last admission: where a tenant starts when no other is active. */
  private long virtualTime;

  /**
   * @param maxInflationFactor the cluster's bound on inflation factors (at least 1)
   */
  public StrideQueue(double maxInflationFactor) {
    super(maxInflationFactor);
  }

  /** Returns the stride of a tenant with {@code tickets} effective tickets. */
  public static long stride(long tickets) {
    return STRIDE1 / Math.max(1, tickets);
  }

  @Override
  List<Account> order(Instant now) {
    return activeAccounts().stream()
        .sorted(Comparator.comparingLong((Account a) -> a.pass).thenComparing(a -> a.name))
        .toList();
  }

  @Override
  void charged(Account account, int cores, Instant now) {
    virtualTime = Math.max(virtualTime, account.pass);
    account.pass += stride(effectiveTickets(account, now)) * cores;
    if (account.pass > REBASE_ABOVE) {
      rebase();
    }
  }

  @Override
  long startPass(Account joining) {
    long min = Long.MAX_VALUE;
    for (Account account : activeAccounts()) {
      if (account != joining) {
        min = Math.min(min, account.pass);
      }
    }
    return min == Long.MAX_VALUE ? virtualTime : min;
  }

  /** Shifts all passes down by the lowest, keeping their differences, before they overflow. */
  private void rebase() {
    long base = virtualTime;
    for (Account account : accounts.values()) {
      base = Math.min(base, account.pass);
    }
    for (Account account : accounts.values()) {
      account.pass -= base;
    }
    virtualTime -= base;
  }

  /** Returns a tenant's pass (0 for an unknown tenant). */
  public long pass(String tenant) {
    Account account = accounts.get(tenant);
    return account == null ? 0 : account.pass;
  }
}
