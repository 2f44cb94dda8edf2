package dev.governor.runtime;

import java.util.List;

/**
 * What happened to one ingested event. Immutable.
 *
 * @param index the event's position in the batch
 * @param outcome recorded, duplicate, late or unresolved
 * @param budgets every applicable budget the event reached (empty for a duplicate)
 * @param unresolved the event's dimensions that named no entity
 * @param archivedEntityIds entities named by the event that are archived (the event is recorded
 *     anyway: nothing is lost)
 */
public record EventResult(
    int index,
    Outcome outcome,
    List<BudgetUsage> budgets,
    List<UnresolvedDimension> unresolved,
    List<String> archivedEntityIds) {
  public EventResult {
    budgets = List.copyOf(budgets);
    unresolved = List.copyOf(unresolved);
    archivedEntityIds = List.copyOf(archivedEntityIds);
  }

  /** What happened to an event. */
  public enum Outcome {
    /** Added to every applicable budget whose current period contains it (possibly none). */
    RECORDED,
    /** Its idempotency key was seen within the retention; not counted again. */
    DUPLICATE,
    /** Every applicable budget's period containing it has closed; not added anywhere. */
    LATE,
    /**
     * A dimension named no entity and the engine is built with
     * {@link UnresolvedDimensionPolicy#DENY}: nothing was recorded for the event and its key was
     * not claimed; {@code unresolved} names the dimension.
     */
    UNRESOLVED
  }
}
