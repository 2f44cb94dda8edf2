package dev.governor.storage.memory;

import dev.governor.spi.StoredReservation;

/**
 * Closed records of the reservations an engine numbered (no idempotency key: the id is the engine's
 * salt, then its sequence number; see the engine's reservation ids), each in the slot its sequence
 * number names. An engine's reservations close roughly in the order they were made, so their records
 * land side by side: a close writes where the last one wrote, where a hash would scatter the writes
 * over the whole table and miss the processor's caches twice per close (once to add, once to forget).
 *
 * <p>A record takes its slot when the slot is free, past its retention, or holds an older record
 * of the same sequence (same salt, lower number). Then the table doubles, up to {@code max} slots;
 * at {@code max} the older record is forgotten, so one engine's last {@code max} reservations are
 * kept. A record whose slot holds a newer one or another engine's is refused, and kept by the
 * {@link ClosedRing} instead. Not thread-safe: {@link ClosedReservations} holds a monitor around
 * every use.
 */
final class SequencedClosed {
  private static final int INITIAL = 256;

  private final int max;
  private ClosedColumns columns = new ClosedColumns(INITIAL);
  private int size;

  /** @param max the most slots, a power of two of at least {@value #INITIAL} */
  SequencedClosed(int max) {
    this.max = max;
  }

  /**
   * Keeps {@code r}, whose id is {@code h}, {@code l}, if its slot may take it; true if it did. When the
   * table doubles, a record that finds its new slot taken goes to {@code overflow}.
   */
  boolean add(long h, long l, MemoryReservation r, long now, ClosedRing overflow) {
    int slot = slotOf(l);
    boolean used = columns.used(slot);
    if (used && !columns.forgettable(slot, now)) {
      if (columns.hi[slot] != h || l - columns.lo[slot] <= 0) {
        return false;
      }
      if (columns.capacity() < max) {
        grow(now, overflow);
        return add(h, l, r, now, overflow);
      }
      // At the bound: the older record of this sequence is forgotten.
    }
    if (!used) {
      size++;
    }
    columns.write(slot, h, l, r);
    return true;
  }

  /** The record of id {@code h}, {@code l}, reported under {@code id}, or null when none is kept at {@code now}. */
  StoredReservation find(long h, long l, String id, long now) {
    int slot = slotOf(l);
    return columns.holds(slot, h, l) && !columns.forgettable(slot, now) ? columns.read(slot, id) : null;
  }

  int size() {
    return size;
  }

  private int slotOf(long l) {
    return (int) l & (columns.capacity() - 1);
  }

  private void grow(long now, ClosedRing overflow) {
    ClosedColumns old = columns;
    columns = new ClosedColumns(old.capacity() * 2);
    size = 0;
    for (int from = 0; from < old.capacity(); from++) {
      if (!old.used(from) || old.forgettable(from, now)) {
        continue;
      }
      int slot = slotOf(old.lo[from]);
      if (columns.used(slot)) {
        // Two records a multiple of the new size apart, or of two engines: one moves to the ring.
        overflow.addCopy(old, from, now);
      } else {
        old.copy(from, columns, slot);
        size++;
      }
    }
  }
}
