package dev.governor.runtime;

import java.util.List;

/**
 * The answer to a consume. Immutable.
 *
 * @param status granted, denied, or duplicate (the idempotency key was already granted; nothing was
 *     added this time)
 * @param reason why it was denied, or null
 * @param budgets every applicable budget; usage is after the consume when granted, as found when
 *     denied or duplicate
 * @param firstDenied the first denying budget, or null
 * @param unresolved the request dimensions that named no entity
 * @param archivedEntityIds the entities named by the request that are archived
 */
public record ConsumeResult(
    Status status,
    DenialReason reason,
    List<BudgetStatus> budgets,
    BudgetStatus firstDenied,
    List<UnresolvedDimension> unresolved,
    List<String> archivedEntityIds) {
  public ConsumeResult {
    budgets = List.copyOf(budgets);
    unresolved = List.copyOf(unresolved);
    archivedEntityIds = List.copyOf(archivedEntityIds);
  }

  /** What happened to the consume. */
  public enum Status {
    /** Every budget allowed it; the amount was added to all of them. */
    GRANTED,
    /** A budget (or an archived entity) refused it; nothing changed. */
    DENIED,
    /** Its idempotency key was already granted within the retention; nothing was added again. */
    DUPLICATE
  }

  /** True when the amount is (or, for a duplicate, already was) counted. */
  public boolean granted() {
    return status != Status.DENIED;
  }
}
