package dev.governor.storage.memory;

import dev.governor.spi.LedgerCounter;
import dev.governor.spi.StoredAssignment;

/**
 * One assignment and its usage counter in one object, so a budget costs a single node. The stored
 * value is replaced on update (the counter stays: an admin edit is never a free reset) and is
 * guarded by the owner's catalog lock; {@link #periodStart} and {@link #usage} are written only
 * under the write lock of stripe {@link #stripe} and read under it or optimistically, validated
 * against the stripe's stamp.
 */
final class AssignmentNode implements LedgerCounter {
  StoredAssignment value;
  final int stripe;
  long periodStart = Long.MIN_VALUE;
  long usage;

  AssignmentNode(StoredAssignment value, int stripe) {
    this.value = value;
    this.stripe = stripe;
  }

  /** Usage in the period starting at {@code period}: a counter still in an older period counts 0. */
  long usageIn(long period) {
    return periodStart >= period ? usage : 0L;
  }

  @Override
  public String toString() {
    return "AssignmentNode[" + value.id() + ", stripe=" + stripe + ", periodStart=" + periodStart + ", usage=" + usage + "]";
  }
}
