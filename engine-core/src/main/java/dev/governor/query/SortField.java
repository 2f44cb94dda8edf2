package dev.governor.query;

/** What a governance-tree query sorts by. Ties are broken by entity id, then scope, then capability. */
public enum SortField {
  /** Usage divided by limit: who is about to be blocked (budget rows only; the default there). */
  UTILIZATION,
  /** Absolute usage in the current period: the heaviest consumers (budget rows only). */
  CURRENT_USAGE,
  /** The limit (budget rows only). */
  USAGE_LIMIT,
  /** How many entities the scope names (budget rows only). */
  SCOPE_SIZE,
  /** The entity id (the default in tree mode). */
  ID,
  /** When the assignment (budget rows) or the entity (tree mode) was created. */
  CREATED_AT;

  /** True for the fields that only budget rows have. */
  public boolean budgetOnly() {
    return this != ID && this != CREATED_AT;
  }
}
