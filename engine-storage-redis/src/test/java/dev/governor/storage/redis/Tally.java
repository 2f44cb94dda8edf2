package dev.governor.storage.redis;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Amounts summed per key (an entity id, a denying entity) from many threads at once, read back as a
 * plain map once the threads are done. Thread-safe.
 */
final class Tally {
  private final Map<String, LongAdder> sums = new ConcurrentHashMap<>();

  void add(String key, long amount) {
    sums.computeIfAbsent(key, k -> new LongAdder()).add(amount);
  }

  /** Every key added so far with its sum, sorted by key. */
  Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    sums.forEach((key, sum) -> copy.put(key, sum.sum()));
    return copy;
  }
}
