package dev.governor.storage.memory;

import dev.governor.spi.LedgerCounter;

/**
 * The usage counter of one assignment: {@code (periodStart, usage)}, rewritten in place when its
 * period moves on. Created when the assignment is committed and shared by every snapshot that holds
 * the assignment. {@link #periodStart} and {@link #usage} are written only under the write lock of
 * stripe {@link #stripe} and read under it or optimistically, validated against the stripe's stamp.
 */
final class Counter implements LedgerCounter {
  final int stripe;
  long periodStart = Long.MIN_VALUE;
  long usage;

  Counter(int stripe) {
    this.stripe = stripe;
  }

  @Override
  public String toString() {
    return "Counter[stripe=" + stripe + ", periodStart=" + periodStart + ", usage=" + usage + "]";
  }
}
