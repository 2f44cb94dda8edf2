package dev.governor.storage.memory;

import dev.governor.spi.LedgerCounter;

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

  @Override
  public String toString() {
    return "Counter[stripe=" + stripe + ", periodStart=" + periodStart + ", usage=" + usage + "]";
  }
}
