package dev.governor.storage.memory;

import dev.governor.runtime.ReservationState;
import dev.governor.spi.ReservationHold;
import dev.governor.spi.ReservationRules;
import dev.governor.spi.StoredReservation;
import java.util.List;
import java.util.UUID;

/**
 * One reservation's record: fixed when granted (its estimate, expiry and the counters it holds),
 * plus its state, written only under the write lock of its id's stripe (with the stripes of every
 * counter it holds). Each held counter lists it in {@link Counter#holds} while it is open.
 */
final class MemoryReservation {
  static final MemoryReservation[] NONE = new MemoryReservation[0];
  static final Counter[] NONE_COUNTERS = new Counter[0];

  final String id;
  final String capabilityId;
  final long estimate;
  final long createdAt;
  final long expiresAt;
  final long fingerprint;
  final long retention;
  /** Named by an idempotency key (a retry may meet it again), rather than numbered by the engine. */
  final boolean keyed;
  final Counter[] counters;
  final List<UUID> assignmentIds;
  ReservationState state = ReservationState.OPEN;
  long actual;
  long closedAt;

  MemoryReservation(ReservationHold hold, Counter[] counters, List<UUID> assignmentIds) {
    this.id = hold.id();
    this.capabilityId = hold.capabilityId();
    this.estimate = hold.estimate();
    this.createdAt = hold.createdAtMillis();
    this.expiresAt = hold.expiresAtMillis();
    this.fingerprint = hold.fingerprint();
    this.retention = hold.retentionMillis();
    this.keyed = hold.keyed();
    this.counters = counters;
    this.assignmentIds = assignmentIds;
  }

  /** True once the store may forget the record (ReservationRules.forgetAt). The caller holds the id's stripe lock. */
  boolean forgettable(long now) {
    return now >= ReservationRules.forgetAt(expiresAt, closedAt, retention);
  }

  /** The record as the SPI reports it. The caller holds the id's stripe lock. */
  StoredReservation stored() {
    return new StoredReservation(id, capabilityId, estimate, createdAt, expiresAt, fingerprint, assignmentIds, state, actual,
        closedAt);
  }
}
