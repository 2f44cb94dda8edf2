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

  @Override
  public String toString() {
    return "counter " + field;
  }
}
