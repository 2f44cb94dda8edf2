package dev.governor.storage.memory;

import dev.governor.runtime.ReservationState;
import dev.governor.spi.ReservationRules;
import dev.governor.spi.StoredReservation;
import java.util.List;
import java.util.UUID;

/**
 * Closed reservation records as primitive columns, one slot per record. Primitives because a busy
 * owner closes reservations at the rate it makes them: as objects, every closed record would outlive
 * the young generation and be copied by the collector; here a close writes a few array slots (the
 * capability and the held ids are the plan's own shared objects). Not thread-safe: its owner
 * ({@link ClosedReservations}) holds a monitor around every use.
 */
final class ClosedColumns {
  private static final byte FREE = 0;
  private static final byte SETTLED = 1;
  private static final byte RELEASED = 2;

  final long[] hi;
  final long[] lo;
  private final long[] fingerprint;
  private final long[] estimate;
  private final long[] createdAt;
  private final long[] expiresAt;
  private final long[] closedAt;
  private final long[] actual;
  private final long[] forgetAt;
  private final byte[] state;
  private final String[] capability;
  private final Object[] held;

  ClosedColumns(int capacity) {
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
  }

  int capacity() {
    return hi.length;
  }

  /** Writes {@code r}, just closed (its state, actual and close time set), whose id is {@code h}, {@code l}. */
  void write(int slot, long h, long l, MemoryReservation r) {
    hi[slot] = h;
    lo[slot] = l;
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
  }

  /** Copies the record at {@code from} to slot {@code slot} of {@code to}. */
  void copy(int from, ClosedColumns to, int slot) {
    to.hi[slot] = hi[from];
    to.lo[slot] = lo[from];
    to.fingerprint[slot] = fingerprint[from];
    to.estimate[slot] = estimate[from];
    to.createdAt[slot] = createdAt[from];
    to.expiresAt[slot] = expiresAt[from];
    to.closedAt[slot] = closedAt[from];
    to.actual[slot] = actual[from];
    to.forgetAt[slot] = forgetAt[from];
    to.state[slot] = state[from];
    to.capability[slot] = capability[from];
    to.held[slot] = held[from];
  }

  boolean used(int slot) {
    return state[slot] != FREE;
  }

  /** True when the slot holds the record of id {@code h}, {@code l}. */
  boolean holds(int slot, long h, long l) {
    return state[slot] != FREE && hi[slot] == h && lo[slot] == l;
  }

  /** True when the slot's record may be forgotten at {@code now} ({@link ReservationRules#forgetAt}). */
  boolean forgettable(int slot, long now) {
    return now >= forgetAt[slot];
  }

  /** Frees the slot (and lets go of the objects it referred to). */
  void clear(int slot) {
    state[slot] = FREE;
    capability[slot] = null;
    held[slot] = null;
  }

  /** The record in {@code slot}, reported under {@code id}. */
  @SuppressWarnings("unchecked")
  StoredReservation read(int slot, String id) {
    return new StoredReservation(id, capability[slot], estimate[slot], createdAt[slot], expiresAt[slot], fingerprint[slot],
        (List<UUID>) held[slot], state[slot] == SETTLED ? ReservationState.SETTLED : ReservationState.RELEASED,
        actual[slot], closedAt[slot]);
  }
}
