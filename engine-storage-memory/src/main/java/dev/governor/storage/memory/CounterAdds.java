package dev.governor.storage.memory;

import dev.governor.spi.BudgetSet;
import dev.governor.spi.LedgerCounter;
import dev.governor.spi.LedgerRules;
import dev.governor.spi.ThresholdClaims;

/**
 * The writes of a granted add on the memory store's counters: the new usages, then the alert
 * thresholds they reached. Stateless; callers hold the write locks of the counters' stripes.
 */
final class CounterAdds {
  private CounterAdds() {}

  /**
   * Adds {@code amount} to every counter in its period of {@code periods}, then claims the alert
   * thresholds the adds reached. The caller holds the counters' stripe locks and granted the add.
   */
  static void write(BudgetSet budgets, LedgerCounter[] counters, long[] periods, int n, long amount,
      ThresholdClaims claimsOut) {
    // The lowest alert level of each budget: an add that reaches none of them claims nothing, and the
    // comparison rides along with the write rather than walking the counters again.
    long[] floors = budgets.hasAlerts() ? budgets.alertFloors() : null;
    boolean reachesAFloor = false;
    for (int i = 0; i < n; i++) {
      // Under the lock nothing changed since the decision: recomputing beats keeping a copy.
      Counter c = (Counter) counters[i];
      long after = LedgerRules.usageIn(c.periodStart, c.usage, periods[i]) + amount;
      c.write(LedgerRules.periodAfterAdd(c.periodStart, periods[i]), after);
      reachesAFloor |= floors != null && after >= floors[i];
    }
    if (reachesAFloor) {
      claimAlerts(budgets, counters, n, claimsOut);
    }
  }

  /**
   * Claims the thresholds each budget's add reached, into {@code claimsOut} (may be null) with the usage
   * after the add. The caller holds the counters' stripe locks and has just written the adds.
   */
  static void claimAlerts(BudgetSet budgets, LedgerCounter[] counters, int n, ThresholdClaims claimsOut) {
    for (int i = 0; i < n; i++) {
      Counter c = (Counter) counters[i];
      int reached = c.claimAlerts(budgets, i);
      if (reached != 0 && claimsOut != null) {
        claimsOut.add(i, reached, c.usage);
      }
    }
  }
}
