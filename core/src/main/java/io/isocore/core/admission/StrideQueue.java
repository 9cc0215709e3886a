package io.isocore.core.admission;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Stride scheduling (Waldspurger and Weihl, 1995) applied to admission. Each tenant has a pass;
 * admitting {@code cores} advances it by {@code stride x cores}, where {@code stride = }{@link
 * #STRIDE1}{@code / effective tickets}. The global pass advances by {@code STRIDE1 x cores / total
 * effective tickets of the active tenants} per admission and never falls behind the lowest active
 * pass. A tenant that becomes active (its first pending pod) starts at the global pass, never at 0,
 * and keeps its own pass when that is ahead: leaving and coming back earns nothing.
 *
 * <p>Which tenant goes next ({@link Selection}): classic stride takes the lowest pass. Pods take
 * several cores at once, and with variable sizes the classic rule lets a tenant drift from its
 * share by several pods when many tenants compete (Waldspurger's O(n) absolute error). The default
 * therefore adds WF2Q+'s eligibility rule (Bennett and Zhang, 1996; Linux's EEVDF uses the same
 * idea): among tenants whose pass the global pass has reached, the one whose pass after its next
 * pod is lowest goes first. Pass arithmetic is unchanged. Work-conserving either way: a tenant
 * whose pods fit nowhere is passed over and keeps its pass. Ties go by tenant name.
 */
public final class StrideQueue extends AdmissionQueue {

  /** The stride of a tenant with one ticket: large, so strides stay exact enough as integers. */
  public static final long STRIDE1 = 1L << 40;

  private static final long REBASE_ABOVE = 1L << 61;

  /** How the next tenant is chosen. */
  public enum Selection {
    /** Classic stride: the lowest pass. */
    LOWEST_PASS,
    /**
     * WF2Q+: among tenants whose pass is at most the global pass, the lowest pass after the next
     * pod ({@code pass + stride x cores of the first pending pod}); then the others by pass.
     */
    EARLIEST_ELIGIBLE_FINISH
  }

  private final Selection selection;
  private long globalPass;
  private long globalRemainder;

  /**
   * Creates a queue with {@link Selection#EARLIEST_ELIGIBLE_FINISH}.
   *
   * @param maxInflationFactor the cluster's bound on inflation factors (at least 1)
   */
  public StrideQueue(double maxInflationFactor) {
    this(maxInflationFactor, Selection.EARLIEST_ELIGIBLE_FINISH);
  }

  /**
   * Creates a queue.
   *
   * @param maxInflationFactor the cluster's bound on inflation factors (at least 1)
   * @param selection how the next tenant is chosen
   */
  public StrideQueue(double maxInflationFactor, Selection selection) {
    super(maxInflationFactor);
    this.selection = selection;
  }

  /** Returns the stride of a tenant with {@code tickets} effective tickets. */
  public static long stride(long tickets) {
    return STRIDE1 / Math.max(1, tickets);
  }

  @Override
  List<Account> order(Instant now) {
    List<Account> active = activeAccounts();
    if (!active.isEmpty()) {
      globalPass = Math.max(globalPass, minPass(active));
    }
    Comparator<Account> byPass =
        Comparator.comparingLong((Account a) -> a.pass).thenComparing(a -> a.name);
    if (selection == Selection.LOWEST_PASS) {
      return active.stream().sorted(byPass).toList();
    }
    List<Account> eligible = new ArrayList<>();
    List<Account> later = new ArrayList<>();
    for (Account account : active) {
      (account.pass <= globalPass ? eligible : later).add(account);
    }
    eligible.sort(
        Comparator.comparingLong((Account a) -> finish(a, now)).thenComparing(a -> a.name));
    later.sort(byPass);
    eligible.addAll(later);
    return eligible;
  }

  private static long minPass(List<Account> active) {
    long min = Long.MAX_VALUE;
    for (Account account : active) {
      min = Math.min(min, account.pass);
    }
    return min;
  }

  private long finish(Account account, Instant now) {
    int cores = account.pending.firstEntry().getValue().cores();
    return account.pass + stride(effectiveTickets(account, now)) * Math.max(1, cores);
  }

  @Override
  void charged(Account account, int cores, Instant now) {
    account.pass += stride(effectiveTickets(account, now)) * cores;
    long tickets = effectiveTickets(account, now);
    for (Account other : activeAccounts()) {
      if (other != account) {
        tickets += effectiveTickets(other, now);
      }
    }
    long work = STRIDE1 * cores + globalRemainder;
    globalPass += work / tickets;
    globalRemainder = work % tickets;
    if (account.pass > REBASE_ABOVE || globalPass > REBASE_ABOVE) {
      rebase();
    }
  }

  @Override
  long startPass(Account joining) {
    List<Account> active = new ArrayList<>(activeAccounts());
    active.remove(joining);
    if (!active.isEmpty()) {
      globalPass = Math.max(globalPass, minPass(active));
    }
    return globalPass;
  }

  /** Shifts all passes down by the lowest, keeping their differences, before they overflow. */
  private void rebase() {
    long base = globalPass;
    for (Account account : accounts.values()) {
      base = Math.min(base, account.pass);
    }
    for (Account account : accounts.values()) {
      account.pass -= base;
    }
    globalPass -= base;
  }

  /** Returns a tenant's pass (0 for an unknown tenant). */
  public long pass(String tenant) {
    Account account = accounts.get(tenant);
    return account == null ? 0 : account.pass;
  }

  /**
   * Restores a tenant's pass from its last published status after a restart, so a tenant that
   * overdrew before the restart does not start even. A tenant that was waiting when the status was
   * written ({@code wasWaiting}) keeps the restored pass when its pods are queued again; one that
   * was not joins as any tenant becoming active does (at least the global pass), so an old low pass
   * earns nothing. A pass below the tenant's current one is ignored: a pass never moves back.
   *
   * @throws IllegalArgumentException for a negative pass (a pass is never negative)
   */
  public void restorePass(String tenant, long pass, boolean wasWaiting) {
    if (pass < 0) {
      throw new IllegalArgumentException("pass of tenant " + tenant + " is negative: " + pass);
    }
    Account account = accounts.computeIfAbsent(tenant, this::newAccount);
    account.pass = Math.max(account.pass, pass);
    account.keepPassOnJoin = wasWaiting;
  }

  /** Returns the global pass: where a tenant becoming active starts. */
  public long globalPass() {
    return globalPass;
  }
}
