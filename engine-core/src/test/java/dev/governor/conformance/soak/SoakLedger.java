package dev.governor.conformance.soak;

import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.BudgetUsage;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.IngestResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the soak's threads were told the engine did, per budget and period: the amounts of granted
 * consumes and recorded ingests (from the budgets each result lists), the amounts of granted
 * {@code tryConsume}s on budgets the test knows applied, and every idempotency key claimed. A
 * checkpoint compares it with the usage the engine reports. Also the record of every broken rule.
 * Thread-safe.
 */
final class SoakLedger {
  /** One budget in one period. */
  record BudgetPeriod(UUID assignmentId, Instant periodStart) {}

  private final Map<BudgetPeriod, LongAdder> counted = new ConcurrentHashMap<>();
  private final Map<BudgetPeriod, LongAdder> ingested = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> claims = new ConcurrentHashMap<>();
  private final Queue<String> failures = new ConcurrentLinkedQueue<>();
  final LongAdder duplicates = new LongAdder();
  final LongAdder granted = new LongAdder();
  final LongAdder denied = new LongAdder();
  final LongAdder recordedEvents = new LongAdder();
  final LongAdder lateBudgets = new LongAdder();

  private static void add(Map<BudgetPeriod, LongAdder> sums, UUID id, Instant period, long amount) {
    sums.computeIfAbsent(new BudgetPeriod(id, period), k -> new LongAdder()).add(amount);
  }

  /** The usage the engine must report for a budget in a period: everything counted in it. */
  long expected(UUID id, Instant period) {
    LongAdder sum = counted.get(new BudgetPeriod(id, period));
    return sum == null ? 0 : sum.sum();
  }

  /** The part of {@link #expected} that came from ingest (which may pass the limit). */
  long ingested(UUID id, Instant period) {
    LongAdder sum = ingested.get(new BudgetPeriod(id, period));
    return sum == null ? 0 : sum.sum();
  }

  /**
   * Forgets the claims of key pools older than {@code epoch}: threads only ever send keys of the
   * current pool (see {@code SoakOps}), so older ones can no longer be counted twice.
   */
  void forgetKeysBefore(long epoch) {
    claims.keySet().removeIf(k -> Long.parseLong(k.substring(k.indexOf("/k-") + 3, k.lastIndexOf('-'))) < epoch);
  }

  /** Forgets every budget and period but these (the current ones): past periods are never read again. */
  void retainOnly(java.util.Set<BudgetPeriod> current) {
    counted.keySet().retainAll(current);
    ingested.keySet().retainAll(current);
  }

  void fail(String message) {
    if (failures.size() < 50) {
      failures.add(message);
    }
  }

  boolean failed() {
    return !failures.isEmpty();
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  private void claim(String owner, String key, String by) {
    int n = claims.computeIfAbsent(owner + "/" + key, k -> new AtomicInteger()).incrementAndGet();
    if (n > 1) {
      fail("idempotency key " + key + " of " + owner + " was counted " + n + " times (last by " + by + ")");
    }
  }

  /** Records a consume's answer; a grant must leave every limited budget within its limit. */
  void consumed(String owner, String key, long amount, ConsumeResult r) {
    switch (r.status()) {
      case GRANTED -> {
        granted.increment();
        for (BudgetStatus b : r.budgets()) {
          if (b.usageLimit() != null && b.currentUsage() > b.usageLimit()) {
            fail("consume of " + amount + " was granted past the limit in force: " + b);
          }
          add(counted, b.assignmentId(), b.periodStart(), amount);
        }
        if (key != null) {
          claim(owner, key, "a consume");
        }
      }
      case DUPLICATE -> duplicates.increment();
      case DENIED -> denied.increment();
    }
  }

  /** Records a granted {@code tryConsume} on budgets known to apply to its entity. */
  void tryConsumed(UUID budget, Instant period, long amount) {
    add(counted, budget, period, amount);
  }

  /** Records an ingest's answer: each event added to the budgets it names, except where late. */
  void ingested(String owner, List<String> keys, List<Long> amounts, IngestResult r) {
    for (EventResult e : r.events()) {
      if (e.outcome() == EventResult.Outcome.DUPLICATE) {
        duplicates.increment();
        continue;
      }
      recordedEvents.increment();
      long amount = amounts.get(e.index());
      for (BudgetUsage b : e.budgets()) {
        if (b.late()) {
          lateBudgets.increment();
        } else {
          add(counted, b.assignmentId(), b.periodStart(), amount);
          add(ingested, b.assignmentId(), b.periodStart(), amount);
        }
      }
      String key = keys.get(e.index());
      if (key != null) {
        claim(owner, key, "an ingest");
      }
    }
  }
}
