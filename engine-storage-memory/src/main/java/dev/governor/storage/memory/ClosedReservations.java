package dev.governor.storage.memory;

import dev.governor.runtime.ReservationState;
import dev.governor.spi.ReservationRules;
import dev.governor.spi.StoredReservation;
import java.util.List;
import java.util.UUID;

/**
 * One owner's closed (settled or released) reservations, kept for settle and release retries and
 * keyed reserves: a ring of primitive columns in the order they closed, with an open-addressing
 * index by id. Primitives because a busy owner closes reservations at the rate it makes them: as
 * objects, every closed record would outlive the young generation and be copied by the collector;
 * here a close writes a few array slots (the capability and the held ids are the plan's own shared
 * objects). Bounded: the ring grows to {@code max} entries, then the oldest close is forgotten first;
 * an entry past its retention ({@link ReservationRules#forgetAt}) is forgotten when met. Thread-safe:
 * every method holds this object's monitor.
 */
final class ClosedReservations {
  private static final int INITIAL = 256;
  private static final byte SETTLED = 1;
  private static final byte RELEASED = 2;

  private final int max;
  private long[] hi;
  private long[] lo;
  private long[] fingerprint;
  private long[] estimate;
  private long[] createdAt;
  private long[] expiresAt;
  private long[] closedAt;
  private long[] actual;
  private long[] forgetAt;
  private byte[] state;
  private String[] capability;
  private Object[] held;
  /**
   * Per indexed entry its id's hash (high half) and slot + 1 (low half), 0 for free; twice the ring's
   * capacity, a power of two. The hash travels with the slot so that probing and the shifts of a
   * removal never read the columns at random.
   */
  private long[] index;
  private int head;
  private int size;

  /** @param max the most entries kept (rounded up to a power of two, at least {@value #INITIAL}) */
  ClosedReservations(int max) {
    int m = INITIAL;
    while (m < max && m < (1 << 28)) {
      m <<= 1;
    }
    this.max = m;
    allocate(INITIAL);
  }

  private void allocate(int capacity) {
    hi = new long[capacity];
    lo = new long[capacity];
    fingerprint = new long[capacity];
    estimate = new long[capacity];
    createdAt = new long[capacity];
    expiresAt = new long[capacity];
    closedAt = new long[capacity];
    actual = new long[capacity];
    forgetAt = new long[capacity];
    state = new byte[capacity];
    capability = new String[capacity];
    held = new Object[capacity];
    index = new long[capacity * 2];
  }

  /** Keeps {@code r}, just closed (its state, actual and close time set). */
  synchronized void add(MemoryReservation r, long now) {
    forgetExpired(now);
    int capacity = hi.length;
    if (size == capacity) {
      if (capacity < max) {
        grow();
      } else {
        forgetOldest();
      }
    }
    int slot = (head + size) & (hi.length - 1);
    hi[slot] = Ids.hi(r.id);
    lo[slot] = Ids.lo(r.id);
    fingerprint[slot] = r.fingerprint;
    estimate[slot] = r.estimate;
    createdAt[slot] = r.createdAt;
    expiresAt[slot] = r.expiresAt;
    closedAt[slot] = r.closedAt;
    actual[slot] = r.actual;
    forgetAt[slot] = ReservationRules.forgetAt(r.expiresAt, r.closedAt, r.retention);
    state[slot] = r.state == ReservationState.SETTLED ? SETTLED : RELEASED;
    capability[slot] = r.capabilityId;
    held[slot] = r.assignmentIds;
    size++;
    indexAdd(slot);
  }

  /** The record of closed reservation {@code id}, or null when none is kept at {@code now}. */
  @SuppressWarnings("unchecked")
  synchronized StoredReservation find(String id, long now) {
    int slot = slotOf(id);
    if (slot < 0 || now >= forgetAt[slot]) {
      return null;
    }
    return new StoredReservation(id, capability[slot], estimate[slot], createdAt[slot], expiresAt[slot], fingerprint[slot],
        (List<UUID>) held[slot], state[slot] == SETTLED ? ReservationState.SETTLED : ReservationState.RELEASED,
        actual[slot], closedAt[slot]);
  }

  /** How many entries are kept, for tests of the bound. */
  synchronized int size() {
    return size;
  }

  private void forgetExpired(long now) {
    while (size > 0 && now >= forgetAt[head]) {
      forgetOldest();
    }
  }

  private void forgetOldest() {
    indexRemove(head);
    capability[head] = null;
    held[head] = null;
    head = (head + 1) & (hi.length - 1);
    size--;
  }

  private void grow() {
    long[][] longs = {hi, lo, fingerprint, estimate, createdAt, expiresAt, closedAt, actual, forgetAt};
    byte[] oldState = state;
    String[] oldCapability = capability;
    Object[] oldHeld = held;
    int oldCapacity = hi.length;
    allocate(oldCapacity * 2);
    long[][] fresh = {hi, lo, fingerprint, estimate, createdAt, expiresAt, closedAt, actual, forgetAt};
    for (int k = 0; k < size; k++) {
      int from = (head + k) & (oldCapacity - 1);
      for (int c = 0; c < longs.length; c++) {
        fresh[c][k] = longs[c][from];
      }
      state[k] = oldState[from];
      capability[k] = oldCapability[from];
      held[k] = oldHeld[from];
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
    int hash = hash(hi[slot], lo[slot]);
    int i = home(hash);
    while (index[i] != 0) {
      i = (i + 1) & mask;
    }
    index[i] = ((long) hash << 32) | (slot + 1);
  }

  private int slotOf(String id) {
    if (!Ids.valid(id)) {
      return -1;
    }
    long h = Ids.hi(id);
    long l = Ids.lo(id);
    int hash = hash(h, l);
    int mask = index.length - 1;
    for (int i = home(hash); index[i] != 0; i = (i + 1) & mask) {
      long e = index[i];
      int slot = (int) e - 1;
      if ((int) (e >>> 32) == hash && hi[slot] == h && lo[slot] == l) {
        return slot;
      }
    }
    return -1;
  }

  /** Removes {@code slot} from the index, shifting back the entries after it (linear probing, no tombstones). */
  private void indexRemove(int slot) {
    int mask = index.length - 1;
    int i = home(hash(hi[slot], lo[slot]));
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

  /** Reservation ids as two longs: 32 lowercase hexadecimal digits (as the engine makes them). */
  static final class Ids {
    private Ids() {}

    static boolean valid(String id) {
      if (id.length() != 32) {
        return false;
      }
      for (int i = 0; i < 32; i++) {
        if (Character.digit(id.charAt(i), 16) < 0) {
          return false;
        }
      }
      return true;
    }

    static long hi(String id) {
      return Long.parseUnsignedLong(id, 0, 16, 16);
    }

    static long lo(String id) {
      return Long.parseUnsignedLong(id, 16, 32, 16);
    }
  }
}
