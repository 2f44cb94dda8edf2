package dev.governor.runtime;

/** Why a check or consume was denied. */
public enum DenialReason {
  /** At least one applicable budget has no room for the amount. */
  BUDGET_EXCEEDED,
  /** An entity named directly (by id or resolved dimension) is archived. */
  ENTITY_ARCHIVED,
  /**
   * A request dimension named no entity and the engine is built with
   * {@link UnresolvedDimensionPolicy#DENY}; the result's {@code unresolved} list names it.
   */
  UNRESOLVED_DIMENSION
}
