package dev.governor.storage.memory;

import dev.governor.spi.LedgerCounter;

/**
 * The usage counter of one assignment: the period it counts and the usage in it. Both fields are
 * written only while holding the write lock of stripe {@link #stripe}, and read either under that
 * lock or optimistically, validated against the stripe's stamp.
 */
final class Counter implements LedgerCounter {
  final int stripe;
  long periodStart = Long.MIN_VALUE;
  long usage;

  Counter(int stripe) {
    this.stripe = stripe;
  }

  /** Usage in the period starting at {@code period}: a counter still in an older period counts 0. */
  long usageIn(long period) {
    return periodStart >= period ? usage : 0L;
  }

  @Override
  public String toString() {
    return "Counter[stripe=" + stripe + ", periodStart=" + periodStart + ", usage=" + usage + "]";
  }
}
