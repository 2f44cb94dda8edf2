package dev.governor.runtime;

/**
 * What the engine does with a request dimension that names no entity (an unknown attribution key,
 * an unknown entity, or an entity of another type). Set on the engine's builder.
 */
public enum UnresolvedDimensionPolicy {
  /**
   * Leave it out of the resolution and report it in the result's {@code unresolved} list; the
   * budgets of everything else that resolved apply. The default, as in the hosted product.
   */
  IGNORE,
  /**
   * Check and consume are denied with {@link DenialReason#UNRESOLVED_DIMENSION}; an ingest event
   * records nothing and is reported {@link EventResult.Outcome#UNRESOLVED}. A typo in a dimension
   * then blocks instead of silently skipping a budget.
   */
  DENY,
  /**
   * The call fails with a {@link dev.governor.ValidationException} on field
   * {@code subject.dimensions.<key>} naming the value; nothing changes.
   */
  REJECT
}
