package dev.governor.internal;

import dev.governor.GovernanceListener;
import dev.governor.ListenerStats;
import dev.governor.runtime.ThresholdCrossed;
import dev.governor.spi.ThresholdClaims;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns the thresholds a ledger call claimed into events and hands them to the listener on one
 * daemon thread, through a bounded queue: a decision only builds the event and offers it (never
 * waits), so a slow or throwing listener cannot slow or break one. Thread-safe.
 */
final class Alerts {
  private final GovernanceListener listener;
  private final ArrayBlockingQueue<ThresholdCrossed> queue;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile Thread worker;

  /** {@code listener} null: no event is built, nothing runs (the claims are still made by the store). */
  Alerts(GovernanceListener listener, int capacity) {
    this.listener = listener;
    this.queue = listener == null ? null : new ArrayBlockingQueue<>(capacity);
  }

  /** Announces every threshold {@code claims} holds, of the budgets of {@code plan}. */
  void announce(String ownerId, Plan plan, ThresholdClaims claims, long now) {
    for (int k = 0; k < claims.size(); k++) {
      reached(ownerId, plan, claims.budget(k), claims.reached(k), claims.usageAfter(k), now);
    }
  }

  /** Announces the thresholds of {@code plan}'s budget {@code i} in {@code reached}, usage as after the add. */
  void reached(String ownerId, Plan plan, int i, int reached, long usageAfter, long now) {
    if (reached == 0 || listener == null) {
      return;
    }
    CompiledAssignment b = plan.budgets[i];
    for (int j = 0; j < b.thresholds.length; j++) {
      if ((reached & (1 << j)) != 0) {
        offer(new ThresholdCrossed(ownerId, b.source.id(), b.source.entityId(), b.source.capabilityId(),
            b.source.scopeEntityIds(), b.thresholds[j], b.levels[j], usageAfter, b.limit,
            Instant.ofEpochMilli(b.periodStart(now)), Instant.ofEpochMilli(b.periodEnd(now)), Instant.ofEpochMilli(now)));
      }
    }
  }

  private void offer(ThresholdCrossed event) {
    if (queue == null || !queue.offer(event)) {
      dropped.incrementAndGet();
      return;
    }
    if (worker == null) {
      start();
    }
  }

  private synchronized void start() {
    if (worker != null) {
      return;
    }
    Thread t = new Thread(this::deliver, "governor-listener");
    t.setDaemon(true);
    t.start();
    worker = t;
  }

  private void deliver() {
    while (true) {
      ThresholdCrossed event;
      try {
        event = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        listener.thresholdCrossed(event);
        delivered.incrementAndGet();
      } catch (Throwable t) {
        // A listener's failure is counted, never propagated: decisions do not depend on it.
        failed.incrementAndGet();
      }
    }
  }

  ListenerStats stats() {
    return new ListenerStats(delivered.get(), failed.get(), dropped.get(), queue == null ? 0 : queue.size());
  }
}
