package dev.governor.catalog;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An assignment: how much of one capability an entity may use per period, optionally only inside a
 * scope. "Assignment" is the one word for this thing across the code (the stored form is
 * {@link dev.governor.spi.StoredAssignment}); results call an assignment that applies to a request a
 * budget ({@code BudgetStatus}, {@code BudgetUsage}). Immutable.
 *
 * @param id generated when the assignment is created
 * @param entityId the entity holding the budget
 * @param capabilityId the capability it limits
 * @param scopeEntityIds the scope, sorted; empty for a node-wide budget
 * @param usageLimit the hard limit per period, or null for "tracked but unlimited"
 * @param softLimit usage above it is allowed but flagged, or null for none
 * @param alertThresholds fractions of the limit announced once per period when usage reaches them,
 *     ascending; empty for none
 * @param cadence the period length
 * @param anchor the billing-cycle start periods count from, or null for calendar alignment
 * @param timeZone the time zone whose calendar periods follow, or null for UTC
 * @param parentId the parent of the entity (the parent belongs to the entity, so every assignment of
 *     an entity shows the same one), or null for a root
 * @param createdAt when the assignment was created (engine clock)
 * @param updatedAt when something about it last changed
 */
public record Assignment(
    UUID id,
    String entityId,
    String capabilityId,
    Set<String> scopeEntityIds,
    Long usageLimit,
    Long softLimit,
    List<Double> alertThresholds,
    Cadence cadence,
    Instant anchor,
    ZoneId timeZone,
    String parentId,
    Instant createdAt,
    Instant updatedAt) {
  public Assignment {
    scopeEntityIds = ScopeSet.of(scopeEntityIds);
    alertThresholds = alertThresholds == null ? List.of() : List.copyOf(alertThresholds);
  }

  /** True when usage is tracked but never limited. */
  public boolean isUnlimited() {
    return usageLimit == null;
  }

  /** True for a budget without scope. */
  public boolean isNodeWide() {
    return scopeEntityIds.isEmpty();
  }

  /** The natural key (entity, capability, scope). */
  public AssignmentKey key() {
    return new AssignmentKey(entityId, capabilityId, scopeEntityIds);
  }
}
