package dev.governor.query;

/** Which budgets a governance-tree query returns, by scope. */
public enum ScopeFilter {
  /** Node-wide and scoped budgets. */
  ALL,
  /** Only budgets without scope. */
  NODE_WIDE,
  /** Only budgets restricted to a scope. */
  SCOPED
}
