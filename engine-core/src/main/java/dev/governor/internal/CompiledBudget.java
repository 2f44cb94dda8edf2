package dev.governor.internal;

import dev.governor.catalog.Cadence;
import dev.governor.spi.BudgetSet;
import dev.governor.spi.LedgerCounter;
import dev.governor.spi.StoredAssignment;

/**
 * One assignment as the hot path needs it: its limit as a primitive, its counter handle, and the
 * bounds of the period it is currently in, cached so that a warm check computes no calendar
 * arithmetic and allocates nothing. Shared by every plan that includes the assignment. Thread-safe:
 * the cached window is an immutable object behind a volatile field, replaced only when time moves
 * past it.
 */
final class CompiledBudget {
  final StoredAssignment source;
  final long limit;
  final long anchor;
  final LedgerCounter counter;
  // The current period [windowStart, windowEnd). Written start first, then end; read start, end,
  // start again: a reader that sees the same start twice read an end that belongs to it or to a
  // later window, and only accepts t inside [start, end), so it never pairs mismatched bounds.
  private volatile long windowStart = Long.MAX_VALUE;
  private volatile long windowEnd = Long.MIN_VALUE;

  CompiledBudget(StoredAssignment source, LedgerCounter counter) {
    this.source = source;
    this.limit = source.usageLimit() == null ? BudgetSet.UNLIMITED : source.usageLimit();
    this.anchor = source.anchor() == null ? Periods.NO_ANCHOR : source.anchor().toEpochMilli();
    this.counter = counter;
  }

  Cadence cadence() {
    return source.cadence();
  }

  long periodStart(long t) {
    long start = windowStart;
    long end = windowEnd;
    if (t >= start && t < end && start == windowStart) {
      return start;
    }
    return refresh(t)[0];
  }

  long periodEnd(long t) {
    long start = windowStart;
    long end = windowEnd;
    if (t >= start && t < end && start == windowStart) {
      return end;
    }
    return refresh(t)[1];
  }

  private long[] refresh(long t) {
    long[] bounds = Periods.bounds(source.cadence(), anchor, t);
    // Only move forward, so a late event's old timestamp does not evict the current period.
    synchronized (this) {
      if (windowEnd == Long.MIN_VALUE || bounds[0] > windowStart) {
        windowStart = bounds[0];
        windowEnd = bounds[1];
      }
    }
    return bounds;
  }
}
