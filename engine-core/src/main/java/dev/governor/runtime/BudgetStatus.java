package dev.governor.runtime;

import dev.governor.catalog.Cadence;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * One applicable budget as a check or consume saw it. Immutable.
 *
 * @param assignmentId the assignment
 * @param entityId the entity holding it
 * @param capabilityId the capability
 * @param scopeEntityIds its scope, sorted; empty for node-wide
 * @param usageLimit the limit, or null when unlimited
 * @param softLimit the soft limit, or null for none ({@link #overSoftLimit()} flags usage above it)
 * @param currentUsage usage in the current period (in a granted consume: after the consume)
 * @param reserved the amount open reservations hold on it (docs/semantics.md §5.3)
 * @param remaining {@code usageLimit - currentUsage - reserved}, never negative; null when unlimited
 * @param hasAccess whether this budget alone allows the amount
 * @param cadence the period length
 * @param periodStart start of the current period (inclusive)
 * @param periodEnd end of the current period (exclusive)
 */
public record BudgetStatus(
    UUID assignmentId,
    String entityId,
    String capabilityId,
    Set<String> scopeEntityIds,
    Long usageLimit,
    Long softLimit,
    long currentUsage,
    long reserved,
    Long remaining,
    boolean hasAccess,
    Cadence cadence,
    Instant periodStart,
    Instant periodEnd) {
  public BudgetStatus {
    scopeEntityIds = java.util.Collections.unmodifiableSet(scopeEntityIds);
  }

  /** True when usage is above the budget's soft limit: allowed, but worth a look. */
  public boolean overSoftLimit() {
    return softLimit != null && currentUsage > softLimit;
  }

  /** True when the budget is tracked but unlimited. */
  public boolean isUnlimited() {
    return usageLimit == null;
  }
}
