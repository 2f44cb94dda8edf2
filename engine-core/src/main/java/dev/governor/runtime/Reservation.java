package dev.governor.runtime;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reservation as the store keeps it (docs/semantics.md §5.3): an amount held on a fixed set of
 * budgets until it is settled, released, or its expiry passes. Immutable.
 *
 * @param id the reservation's id (32 hexadecimal digits), unique within its owner
 * @param capabilityId the capability it holds
 * @param estimate the amount held on every budget
 * @param createdAt when it was granted
 * @param expiresAt when the hold stops counting, if still open
 * @param heldAssignmentIds the budgets (assignment ids) it holds, in the order of the decision
 * @param state open, settled or released
 * @param actual the amount recorded by the settle, or null unless settled
 * @param closedAt when it was settled or released, or null while open
 */
public record Reservation(
    String id,
    String capabilityId,
    long estimate,
    Instant createdAt,
    Instant expiresAt,
    List<UUID> heldAssignmentIds,
    ReservationState state,
    Long actual,
    Instant closedAt) {
  public Reservation {
    heldAssignmentIds = List.copyOf(heldAssignmentIds);
  }

  /** True when the hold counts at {@code now}: open and not yet expired. */
  public boolean holdsAt(Instant now) {
    return state == ReservationState.OPEN && now.isBefore(expiresAt);
  }
}
