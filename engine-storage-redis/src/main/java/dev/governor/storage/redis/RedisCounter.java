package dev.governor.storage.redis;

import dev.governor.spi.LedgerCounter;

/**
 * The ledger's handle to one usage counter: the field of the owner's counter hash that holds it
 * (the assignment's id). Immutable and thread-safe.
 */
final class RedisCounter implements LedgerCounter {
  final String field;

  RedisCounter(String field) {
    this.field = field;
  }

  /** Handles of one counter are equal across snapshots: an assignment keeps its counter. */
  @Override
  public boolean equals(Object o) {
    return o instanceof RedisCounter other && other.field.equals(field);
  }

  @Override
  public int hashCode() {
    return field.hashCode();
  }

  @Override
  public String toString() {
    return "counter " + field;
  }
}
