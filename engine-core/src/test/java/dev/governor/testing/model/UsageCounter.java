package dev.governor.testing.model;

import java.time.Instant;

/**
 * The usage counter of one budget as the models keep it: the start of the period it counts and the
 * usage counted there. Usage in the period starting at {@code p} is {@code storedStart >= p ? usage
 * : 0}, so a new period starts from 0 without anything running at the boundary, and a write moves
 * {@code storedStart} to the period written. Immutable and thread-safe.
 */
record UsageCounter(Instant storedStart, long usage) {
  /** The usage of the period that starts at {@code periodStart}. */
  long usageIn(Instant periodStart) {
    return !storedStart.isBefore(periodStart) ? usage : 0L;
  }

  /** The counter after the usage of the period starting at {@code periodStart} became {@code newUsage}. */
  static UsageCounter written(UsageCounter old, Instant periodStart, long newUsage) {
    Instant start = old == null || old.storedStart.isBefore(periodStart) ? periodStart : old.storedStart;
    return new UsageCounter(start, newUsage);
  }
}
