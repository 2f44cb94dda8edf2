package dev.governor.runtime;

import dev.governor.catalog.Cadence;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * One budget's usage in its current period, read without a check. Immutable.
 *
 * @param assignmentId the assignment
 * @param entityId the entity holding it
 * @param capabilityId the capability
 * @param scopeEntityIds its scope, sorted; empty for node-wide
 * @param usageLimit the limit, or null when unlimited
 * @param currentUsage usage in the current period
 * @param remaining {@code usageLimit - currentUsage}, never negative; null when unlimited
 * @param cadence the period length
 * @param periodStart start of the current period (inclusive)
 * @param periodEnd end of the current period (exclusive)
 */
public record BudgetReading(
    UUID assignmentId,
    String entityId,
    String capabilityId,
    Set<String> scopeEntityIds,
    Long usageLimit,
    long currentUsage,
    Long remaining,
    Cadence cadence,
    Instant periodStart,
    Instant periodEnd) {
  public BudgetReading {
    scopeEntityIds = java.util.Collections.unmodifiableSet(scopeEntityIds);
  }
}
