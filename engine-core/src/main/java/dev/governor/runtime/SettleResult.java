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
 * @param budgets the budgets the actual amount was recorded on, with their usage after it (empty for
 *     {@link Status#ALREADY_SETTLED}); a held budget deleted since the reserve is not among them
 */
public record SettleResult(Status status, Reservation reservation, long actual, long overEstimate, boolean expired,
    List<BudgetStatus> budgets) {
  /** What a settle did. */
  public enum Status {
    /** The hold was dropped and the actual amount recorded. */
    SETTLED,
    /** The reservation had already been settled with this actual amount; nothing changed. */
    ALREADY_SETTLED
  }

  public SettleResult {
    budgets = List.copyOf(budgets);
  }
}
