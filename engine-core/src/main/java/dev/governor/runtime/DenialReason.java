package dev.governor.runtime;

/** Why a check or consume was denied. */
public enum DenialReason {
  /** At least one applicable budget has no room for the amount. */
  BUDGET_EXCEEDED,
  /** An entity named directly (by id or resolved dimension) is archived. */
  ENTITY_ARCHIVED
}
