package dev.governor.conformance.fuzz;

import java.util.AbstractList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A read-only list that counts how often its elements and size are read, so a test can see how much
 * of an input the engine looks at. Every copy the engine makes goes through {@link #get} (directly or
 * via the iterator), so copies are counted too. Reads from any thread add to one counter.
 *
 * @param <T> the element type
 */
final class CountingList<T> extends AbstractList<T> {
  private final List<T> items;
  private final AtomicLong reads;

  CountingList(List<T> items, AtomicLong reads) {
    this.items = items;
    this.reads = reads;
  }

  @Override
  public T get(int index) {
    reads.incrementAndGet();
    return items.get(index);
  }

  @Override
  public int size() {
    reads.incrementAndGet();
    return items.size();
  }
}
