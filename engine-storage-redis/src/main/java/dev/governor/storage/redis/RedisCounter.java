package dev.governor.storage.redis;

import dev.governor.spi.LedgerCounter;
import java.nio.charset.StandardCharsets;

/**
 * The ledger's handle to one usage counter: the field of the owner's counter hash that holds it
 * (the assignment's id). Immutable and thread-safe.
 */
final class RedisCounter implements LedgerCounter {
  final String field;
  /** {@link #field} in UTF-8, as a consume sends it. */
  final byte[] fieldBytes;

  RedisCounter(String field) {
    this.field = field;
    this.fieldBytes = field.getBytes(StandardCharsets.UTF_8);
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
