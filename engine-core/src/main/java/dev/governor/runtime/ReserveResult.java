package dev.governor.runtime;

import java.util.List;

/**
 * The outcome of a reserve. A denial is a value, like a consume's: it names the reason and the
 * first budget without room, and holds nothing. Immutable.
 *
 * @param status granted, denied, or a retry of an earlier reserve with the same idempotency key
 * @param reason why it was denied, or null
 * @param reservation the reservation (also for a duplicate: the one the first call made), or null when denied
 * @param budgets for a denial or a duplicate, every budget that applied, with usage and reserved amounts
 *     as the decision saw them; empty for a grant, whose reservation names the budgets it holds (their
 *     usage and reserved amounts are one check away): a grant is the hot path, and builds no report
 * @param firstDenied the first budget without room, or null
 * @param unresolved dimensions that resolved to no entity
 * @param archivedEntityIds archived entities on the path, if any
 */
public record ReserveResult(
    Status status,
    DenialReason reason,
    Reservation reservation,
    List<BudgetStatus> budgets,
    BudgetStatus firstDenied,
    List<UnresolvedDimension> unresolved,
    List<String> archivedEntityIds) {
  /** What a reserve did. */
  public enum Status {
    /** Held on every budget. */
    GRANTED,
    /** Some budget had no room; nothing held. */
    DENIED,
    /** The idempotency key already named a reservation for the same request; nothing changed. */
    DUPLICATE
  }

  public ReserveResult {
    budgets = List.copyOf(budgets);
    unresolved = List.copyOf(unresolved);
    archivedEntityIds = List.copyOf(archivedEntityIds);
  }

  /** True when a reservation holds for this request: granted now or by the earlier call. */
  public boolean isGranted() {
    return reservation != null;
  }
}
