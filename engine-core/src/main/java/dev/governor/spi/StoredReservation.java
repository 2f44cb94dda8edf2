package dev.governor.spi;

import dev.governor.runtime.ReservationState;
import java.util.List;
import java.util.UUID;

/**
 * A reservation's record as a store keeps it (see {@link OwnerLedger#reserve}). Everything but the
 * state, the actual amount and the close time is fixed when the reservation is granted. Immutable.
 *
 * @param id the reservation's id
 * @param capabilityId its capability
 * @param estimate the amount held
 * @param createdAtMillis when granted
 * @param expiresAtMillis when the hold stops counting
 * @param fingerprint the fingerprint of the reserve request
 * @param assignmentIds the budgets held, by assignment id, in the order of the reserve's budget set
 * @param state open, settled or released
 * @param actual the amount a settle recorded (0 unless settled)
 * @param closedAtMillis when settled or released (0 while open)
 */
public record StoredReservation(String id, String capabilityId, long estimate, long createdAtMillis, long expiresAtMillis,
    long fingerprint, List<UUID> assignmentIds, ReservationState state, long actual, long closedAtMillis) {
  public StoredReservation {
    assignmentIds = List.copyOf(assignmentIds);
  }
}
