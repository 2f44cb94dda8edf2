package dev.governor.runtime;

import java.util.List;

/**
 * The outcome of a settle. Immutable.
 *
 * @param status settled now, or settled earlier with the same actual amount (nothing changed)
 * @param reservation the reservation after the settle
 * @param actual the amount recorded
 * @param overEstimate by how much {@code actual} exceeded the estimate (0 when it did not)
 * @param expired true when the hold had expired before the settle (the actual amount was recorded all the same)
 * @param recordedAssignmentIds the budgets the actual amount was recorded on: those the reservation
 *     held that are still in the catalog (empty for {@link Status#ALREADY_SETTLED}); their usage is
 *     one check away
 */
public record SettleResult(Status status, Reservation reservation, long actual, long overEstimate, boolean expired,
    List<java.util.UUID> recordedAssignmentIds) {
  /** What a settle did. */
  public enum Status {
    /** The hold was dropped and the actual amount recorded. */
    SETTLED,
    /** The reservation had already been settled with this actual amount; nothing changed. */
    ALREADY_SETTLED
  }

  public SettleResult {
    recordedAssignmentIds = List.copyOf(recordedAssignmentIds);
  }
}
