package dev.governor.storage.memory;

import dev.governor.spi.BudgetSet;
import dev.governor.spi.IngestBatch;
import dev.governor.spi.LedgerRules;
import dev.governor.spi.LedgerStatus;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The distinct counters an ingest batch touches, each with a slot in the state arrays that
 * {@link dev.governor.spi.LedgerRules#ingest} works on (events sharing a counter share its slot),
 * and the stripes to lock: those of the counters and of the events' keys. Confined to one call.
 */
final class IngestCounters {
  final int[][] slots;
  final Counter[] distinct;

  IngestCounters(IngestBatch batch, StripeSpan span, MemoryOwnerLedger ledger) {
    int events = batch.size();
    Map<Counter, Integer> slotOf = new IdentityHashMap<>();
    slots = new int[events][];
    for (int e = 0; e < events; e++) {
      BudgetSet budgets = batch.budgets(e);
      slots[e] = new int[budgets.size()];
      for (int i = 0; i < budgets.size(); i++) {
        Counter c = (Counter) budgets.counter(i);
        Integer slot = slotOf.get(c);
        if (slot == null) {
          slot = slotOf.size();
          slotOf.put(c, slot);
          span.add(c.stripe);
        }
        slots[e][i] = slot;
      }
      if (batch.idempotencyKey(e) != null) {
        span.add(ledger.keyStripe(batch.idempotencyKey(e)));
      }
    }
    distinct = new Counter[slotOf.size()];
    slotOf.forEach((c, slot) -> distinct[slot] = c);
  }

  /** Reads every counter's state into the arrays; the caller holds the stripes. */
  void read(long[] statePeriods, long[] stateUsages) {
    for (int s = 0; s < distinct.length; s++) {
      statePeriods[s] = distinct[s].periodStart;
      stateUsages[s] = distinct[s].usage;
    }
  }

  /** Writes the new states back; the caller holds the stripes. */
  void write(long[] statePeriods, long[] stateUsages) {
    for (int s = 0; s < distinct.length; s++) {
      distinct[s].write(statePeriods[s], stateUsages[s]);
    }
  }

  /**
   * Claims, event by event in batch order, the alert thresholds each recorded add reached (the
   * counters already hold the batch's writes, so each counter's period is the one its adds went to).
   */
  void claimAlerts(IngestBatch batch) {
    for (int e = 0; e < batch.size(); e++) {
      BudgetSet budgets = batch.budgets(e);
      if (batch.outcome(e) != LedgerStatus.OK || !budgets.hasAlerts()) {
        continue;
      }
      for (int i = 0; i < budgets.size(); i++) {
        long[] levels = budgets.alertLevels(i);
        if (levels.length == 0 || batch.isLate(e, i)) {
          continue;
        }
        Counter c = distinct[slots[e][i]];
        double[] thresholds = budgets.alertThresholds(i);
        double[] claimed = LedgerRules.claimedIn(c.alertPeriod, c.alertClaims, c.periodStart);
        int reached = LedgerRules.newlyReached(thresholds, levels, batch.usageAfter(e, i), claimed);
        if (reached != 0) {
          c.alertPeriod = c.periodStart;
          c.alertClaims = LedgerRules.withClaims(claimed, thresholds, reached);
          batch.reached(e, i, reached);
        }
      }
    }
  }
}
