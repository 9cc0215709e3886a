package io.isocore.core.admission;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Lottery admission (Waldspurger and Weihl, 1994): the next tenant is drawn at random, weighted by
 * effective tickets, among valid tenants with pending pods; when its pods fit nowhere it is set
 * aside and the draw repeats among the rest. Fair in expectation only: compare its deviation with
 * {@link StrideQueue}'s in the placement benchmark.
 */
public final class LotteryQueue extends AdmissionQueue {

  private final RandomGenerator random;

  /**
   * @param maxInflationFactor the cluster's bound on inflation factors (at least 1)
   * @param random the source of draws; pass a seeded generator for reproducible runs
   */
  public LotteryQueue(double maxInflationFactor, RandomGenerator random) {
    super(maxInflationFactor);
    this.random = random;
  }

  @Override
  List<Account> order(Instant now) {
    List<Account> left = new ArrayList<>(activeAccounts());
    List<Account> drawn = new ArrayList<>(left.size());
    while (!left.isEmpty()) {
      long total = 0;
      for (Account account : left) {
        total += effectiveTickets(account, now);
      }
      long ticket = random.nextLong(total);
      int winner = 0;
      for (long seen = effectiveTickets(left.get(0), now);
          seen <= ticket;
          seen += effectiveTickets(left.get(winner), now)) {
        winner++;
      }
      drawn.add(left.remove(winner));
    }
    return drawn;
  }

  @Override
  void charged(Account account, int cores, Instant now) {}

  @Override
  long startPass(Account joining) {
    return 0;
  }
}
