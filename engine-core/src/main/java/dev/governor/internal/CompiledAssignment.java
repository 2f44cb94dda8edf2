package dev.governor.internal;

import dev.governor.catalog.Cadence;
import java.math.BigDecimal;
import java.math.RoundingMode;
import dev.governor.spi.BudgetSet;
import dev.governor.spi.LedgerCounter;
import dev.governor.spi.StoredAssignment;

/**
 * One assignment compiled for the hot path: its limit as a primitive, its counter handle, and the
 * bounds of the period it is currently in, cached so that a warm check computes no calendar
 * arithmetic and allocates nothing. Shared by every plan that includes the assignment. Thread-safe:
 * the cached window is an immutable object, replaced only when time moves past it.
 */
final class CompiledAssignment {
  final StoredAssignment source;
  final long limit;
  final long anchor;
  final LedgerCounter counter;
  /** The alert thresholds, ascending, and the usage at which each is reached. */
  final double[] thresholds;
  final long[] levels;
  // The current period. A plain field on purpose: Window is immutable with final fields, so any
  // reference a reader sees is a whole window, and a stale one fails the containment test and is
  // recomputed. That keeps the hot path to plain loads the JIT can schedule freely.
  private Window window;

  CompiledAssignment(StoredAssignment source, LedgerCounter counter) {
    this.source = source;
    this.limit = source.usageLimit() == null ? BudgetSet.UNLIMITED : source.usageLimit();
    this.anchor = source.anchor() == null ? Periods.NO_ANCHOR : source.anchor().toEpochMilli();
    this.counter = counter;
    this.thresholds = new double[source.alertThresholds().size()];
    this.levels = new long[thresholds.length];
    for (int j = 0; j < thresholds.length; j++) {
      thresholds[j] = source.alertThresholds().get(j);
      levels[j] = level(thresholds[j], limit);
    }
  }

  /** {@code ceil(fraction x limit)}, exactly (0.8 x 100 is 80, not the 81 binary rounding gives). */
  static long level(double fraction, long limit) {
    BigDecimal exact = new BigDecimal(Double.toString(fraction)).multiply(BigDecimal.valueOf(limit))
        .setScale(0, RoundingMode.CEILING);
    return exact.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE : exact.longValue();
  }

  Cadence cadence() {
    return source.cadence();
  }

  long periodStart(long t) {
    Window w = window;
    if (w != null && t >= w.start && t < w.end) {
      return w.start;
    }
    return refresh(t).start;
  }

  long periodEnd(long t) {
    Window w = window;
    if (w != null && t >= w.start && t < w.end) {
      return w.end;
    }
    return refresh(t).end;
  }

  private Window refresh(long t) {
    long[] bounds = Periods.bounds(source.cadence(), anchor, source.timeZone(), t);
    Window fresh = new Window(bounds[0], bounds[1]);
    Window w = window;
    // Only move forward, so a late event's old timestamp does not evict the current period.
    if (w == null || fresh.start > w.start) {
      window = fresh;
    }
    return fresh;
  }

  private static final class Window {
    final long start;
    final long end;

    Window(long start, long end) {
      this.start = start;
      this.end = end;
    }
  }
}
