package dev.governor.storage.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * Where one owner's counters keep their mirror: fixed-size chunks of {@code long}s, two per counter
 * (period start, usage), so that a report over thousands of budgets reads a few contiguous arrays
 * instead of one scattered object per budget. Chunks are never moved or resized (a writer holding a
 * slot's stripe always writes the array a reader will read); a removed counter's slot is reused by a
 * later commit. Mutated only by the owner's commits, under its commit lock; the chunk contents are
 * guarded by the counters' stripes.
 */
final class CounterArena {
  /** Counters per chunk: 1,024 counters are 16 KiB of mirror. */
  static final int CHUNK = 1024;

  private final List<long[]> chunks = new ArrayList<>();
  private int used;
  /** Freed slots with the stripe of the counter that held them. */
  private final ArrayList<Counter> free = new ArrayList<>();

  /**
   * A new counter on {@code stripe}, in a free slot. A reused slot is cleared under the stripe of its
   * previous counter, so that a writer of the removed counter still finishing (it checked the
   * catalog version before the removal) cannot land in the new counter's mirror afterwards: any
   * such writer holds that stripe, and any later one sees the newer version and writes nothing.
   */
  Counter allocate(int stripe, Stripes stripes) {
    if (!free.isEmpty()) {
      Counter previous = free.remove(free.size() - 1);
      stripes.writeLock(previous.stripe);
      try {
        previous.chunk[previous.at] = Long.MIN_VALUE;
        previous.chunk[previous.at + 1] = 0L;
      } finally {
        stripes.unlockWrite(previous.stripe);
      }
      return new Counter(stripe, previous.chunk, previous.at);
    }
    if (used == chunks.size() * CHUNK) {
      long[] chunk = new long[2 * CHUNK];
      for (int i = 0; i < chunk.length; i += 2) {
        chunk[i] = Long.MIN_VALUE;
      }
      chunks.add(chunk);
    }
    long[] chunk = chunks.get(used / CHUNK);
    int at = 2 * (used % CHUNK);
    used++;
    return new Counter(stripe, chunk, at);
  }

  /** Gives the slot of a counter whose assignment was removed back, for a later commit to reuse. */
  void release(Counter counter) {
    free.add(counter);
  }
}
