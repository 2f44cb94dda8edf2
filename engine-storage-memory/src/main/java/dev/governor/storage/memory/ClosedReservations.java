package dev.governor.storage.memory;

import dev.governor.spi.StoredReservation;

/**
 * One owner's closed (settled or released) reservations, kept for settle and release retries and
 * keyed reserves until their retention ends ({@link dev.governor.spi.ReservationRules#forgetAt}) or
 * the bound forgets them first. Records of reservations the engine numbered go to the
 * {@link SequencedClosed} table, side by side in the order of their numbers; the others (keyed ids,
 * and numbered ones with no place there) to the {@link ClosedRing}, forgotten oldest first. Each
 * holds at most {@code max} records. Thread-safe: every method holds this object's monitor.
 */
final class ClosedReservations {
  private static final int MIN = 256;

  private final ClosedRing ring;
  private final SequencedClosed sequenced;

  /** @param max the most records each table keeps (rounded up to a power of two, at least {@value #MIN}) */
  ClosedReservations(int max) {
    int m = MIN;
    while (m < max && m < (1 << 28)) {
      m <<= 1;
    }
    this.ring = new ClosedRing(m);
    this.sequenced = new SequencedClosed(m);
  }

  /** Keeps {@code r}, just closed (its state, actual and close time set); its id is one the engine made. */
  synchronized void add(MemoryReservation r, long now) {
    long h = Ids.hi(r.id);
    long l = Ids.lo(r.id);
    if (r.keyed || !sequenced.add(h, l, r, now, ring)) {
      ring.add(h, l, r, now);
    }
  }

  /** The record of closed reservation {@code id}, or null when none is kept at {@code now}. */
  synchronized StoredReservation find(String id, long now) {
    if (!Ids.valid(id)) {
      return null;
    }
    long h = Ids.hi(id);
    long l = Ids.lo(id);
    StoredReservation s = sequenced.find(h, l, id, now);
    return s != null ? s : ring.find(h, l, id, now);
  }

  /** How many records are kept, for tests of the bound. */
  synchronized int size() {
    return ring.size() + sequenced.size();
  }

  /** Reservation ids as two longs: 32 lowercase hexadecimal digits (as the engine makes them). */
  static final class Ids {
    private Ids() {}

    static boolean valid(String id) {
      if (id.length() != 32) {
        return false;
      }
      for (int i = 0; i < 32; i++) {
        char c = id.charAt(i);
        if ((char) (c - '0') > 9 && (char) (c - 'a') > 5) {
          return false;
        }
      }
      return true;
    }

    static long hi(String id) {
      return parse(id, 0);
    }

    static long lo(String id) {
      return parse(id, 16);
    }

    private static long parse(String id, int from) {
      long v = 0;
      for (int i = from; i < from + 16; i++) {
        char c = id.charAt(i);
        v = (v << 4) | (c <= '9' ? c - '0' : c - 'a' + 10);
      }
      return v;
    }
  }
}
