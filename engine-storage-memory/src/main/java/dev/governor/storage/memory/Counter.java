package dev.governor.storage.memory;

import dev.governor.spi.BudgetSet;
import dev.governor.spi.LedgerCounter;
import dev.governor.spi.LedgerRules;

/**
 * The usage counter of one assignment: {@code (periodStart, usage)}, rewritten in place when its
 * period moves on. Created when the assignment is committed and shared by every snapshot that holds
 * the assignment.
 *
 * <p>The state is kept twice: in this object's fields, which the decision path reads (one object per
 * budget, nothing else to load), and in the counter's slot of its owner's {@link CounterArena},
 * which report scans read from contiguous arrays instead of chasing thousands of objects. Both are
 * written together by {@link #write}, only under the write lock of stripe {@link #stripe}, and read
 * under it or optimistically, validated against the stripe's stamp.
 */
final class Counter implements LedgerCounter {
  final int stripe;
  /** The arena chunk holding this counter's mirror: {@code [at]} period start, {@code [at + 1]} usage. */
  final long[] chunk;
  final int at;
  long periodStart = Long.MIN_VALUE;
  long usage;
  /** The alert thresholds claimed in the period starting at {@link #alertPeriod}; written under the stripe lock. */
  long alertPeriod = Long.MIN_VALUE;
  double[] alertClaims = BudgetSet.NO_THRESHOLDS;

  Counter(int stripe, long[] chunk, int at) {
    this.stripe = stripe;
    this.chunk = chunk;
    this.at = at;
  }

  /** Sets the state, in the fields and in the arena; the caller holds the stripe's write lock. */
  void write(long newPeriodStart, long newUsage) {
    long[] mirror = chunk;
    int a = at;
    // The period changes once per period: skip the two stores when it stays.
    if (newPeriodStart != periodStart) {
      periodStart = newPeriodStart;
      mirror[a] = newPeriodStart;
    }
    usage = newUsage;
    mirror[a + 1] = newUsage;
  }

  /**
   * Claims the thresholds budget {@code i} of {@code budgets} reached at this counter's usage
   * (LedgerRules.newlyReached), for the counter's current period; returns them. The caller holds
   * the stripe's write lock and has just written the add.
   */
  int claimAlerts(BudgetSet budgets, int i) {
    long[] levels = budgets.alertLevels(i);
    // Levels ascend with the thresholds: below the lowest, nothing is reached and nothing is read.
    if (levels.length == 0 || usage < levels[0]) {
      return 0;
    }
    double[] thresholds = budgets.alertThresholds(i);
    double[] claimed = LedgerRules.claimedIn(alertPeriod, alertClaims, periodStart);
    int reached = LedgerRules.newlyReached(thresholds, levels, usage, claimed);
    if (reached != 0) {
      alertPeriod = periodStart;
      alertClaims = LedgerRules.withClaims(claimed, thresholds, reached);
    }
    return reached;
  }

  @Override
  public String toString() {
    return "Counter[stripe=" + stripe + ", periodStart=" + periodStart + ", usage=" + usage + "]";
  }
}
