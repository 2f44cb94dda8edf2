package dev.governor.storage.memory;

import dev.governor.spi.StoredReservation;

/**
 * Closed reservation records in the order they were kept, with an open-addressing index by id: for
 * ids that say nothing of their order (derived from idempotency keys), and for numbered ones the
 * {@link SequencedClosed} table had no place for. Bounded: the ring grows to {@code max} records,
 * then the oldest kept is forgotten first; a record past its retention is forgotten when met at the
 * ring's head. Not thread-safe: {@link ClosedReservations} holds a monitor around every use.
 */
final class ClosedRing {
  private static final int INITIAL = 256;

  private final int max;
  private ClosedColumns columns;
  /**
   * Per indexed record its id's hash (high half) and slot + 1 (low half), 0 for free; twice the ring's
   * capacity, a power of two. The hash travels with the slot so that probing and the shifts of a
   * removal never read the columns at random.
   */
  private long[] index;
  private int head;
  private int size;

  /** @param max the most records kept, a power of two of at least {@value #INITIAL} */
  ClosedRing(int max) {
    this.max = max;
    this.columns = new ClosedColumns(INITIAL);
    this.index = new long[INITIAL * 2];
  }

  /** Keeps {@code r}, whose id is {@code h}, {@code l}. */
  void add(long h, long l, MemoryReservation r, long now) {
    int slot = place(now); // first: placing may grow the columns
    columns.write(slot, h, l, r);
    indexLast();
  }

  /** Keeps a copy of the record in {@code slot} of {@code from}. */
  void addCopy(ClosedColumns from, int slot, long now) {
    int to = place(now);
    from.copy(slot, columns, to);
    indexLast();
  }

  /** The record of id {@code h}, {@code l}, reported under {@code id}, or null when none is kept at {@code now}. */
  StoredReservation find(long h, long l, String id, long now) {
    int slot = slotOf(h, l);
    return slot < 0 || columns.forgettable(slot, now) ? null : columns.read(slot, id);
  }

  int size() {
    return size;
  }

  /** Makes room for one more record and returns its slot. */
  private int place(long now) {
    while (size > 0 && columns.forgettable(head, now)) {
      forgetOldest();
    }
    if (size == columns.capacity()) {
      if (size < max) {
        grow();
      } else {
        forgetOldest();
      }
    }
    size++;
    return (head + size - 1) & (columns.capacity() - 1);
  }

  private void indexLast() {
    indexAdd((head + size - 1) & (columns.capacity() - 1));
  }

  private void forgetOldest() {
    indexRemove(head);
    columns.clear(head);
    head = (head + 1) & (columns.capacity() - 1);
    size--;
  }

  private void grow() {
    ClosedColumns old = columns;
    int oldCapacity = old.capacity();
    columns = new ClosedColumns(oldCapacity * 2);
    index = new long[oldCapacity * 4];
    for (int k = 0; k < size; k++) {
      old.copy((head + k) & (oldCapacity - 1), columns, k);
    }
    head = 0;
    for (int k = 0; k < size; k++) {
      indexAdd(k);
    }
  }

  private static int hash(long h, long l) {
    long x = (h ^ (l * 0x9E3779B97F4A7C15L)) * 0xBF58476D1CE4E5B9L;
    return (int) (x ^ (x >>> 31));
  }

  private int home(int hash) {
    return hash & (index.length - 1);
  }

  private void indexAdd(int slot) {
    int mask = index.length - 1;
    int hash = hash(columns.hi[slot], columns.lo[slot]);
    int i = home(hash);
    while (index[i] != 0) {
      i = (i + 1) & mask;
    }
    index[i] = ((long) hash << 32) | (slot + 1);
  }

  private int slotOf(long h, long l) {
    int hash = hash(h, l);
    int mask = index.length - 1;
    for (int i = home(hash); index[i] != 0; i = (i + 1) & mask) {
      long e = index[i];
      int slot = (int) e - 1;
      if ((int) (e >>> 32) == hash && columns.holds(slot, h, l)) {
        return slot;
      }
    }
    return -1;
  }

  /** Removes {@code slot} from the index, shifting back the entries after it (linear probing, no tombstones). */
  private void indexRemove(int slot) {
    int mask = index.length - 1;
    int i = home(hash(columns.hi[slot], columns.lo[slot]));
    while ((int) index[i] != slot + 1) {
      i = (i + 1) & mask;
    }
    index[i] = 0;
    for (int j = (i + 1) & mask; index[j] != 0; j = (j + 1) & mask) {
      int k = home((int) (index[j] >>> 32));
      // The entry at j may move to the hole at i unless its home lies cyclically in (i, j].
      boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
      if (!stays) {
        index[i] = index[j];
        index[j] = 0;
        i = j;
      }
    }
  }
}
