package dev.governor.query;

import dev.governor.catalog.Cadence;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One row of a governance-tree query: a budget with its live usage, or (in tree mode, where every
 * budget column is null) an entity. Immutable.
 *
 * @param entityId the entity
 * @param entityTypeId its type
 * @param displayName its display name, or null
 * @param parentId its parent, or null for a root
 * @param archived whether the entity is archived
 * @param assignmentId the budget's assignment (null in tree mode)
 * @param capabilityId the budget's capability (null in tree mode)
 * @param scopeEntityIds the budget's scope, sorted (empty in tree mode)
 * @param usageLimit the limit, or null when unlimited or in tree mode
 * @param softLimit the soft limit, or null for none or in tree mode
 * @param alertThresholds the alert thresholds, ascending (empty for none and in tree mode)
 * @param currentUsage usage in the current period (null in tree mode)
 * @param reserved the amount open reservations hold on the budget (null in tree mode; docs/semantics.md §5.3)
 * @param utilization {@code currentUsage / usageLimit}, not clamped (an overspent budget shows more
 *     than 1; a limit of 0 shows 1 without usage and positive infinity with usage); null when
 *     unlimited or in tree mode
 * @param cadence the period length (null in tree mode)
 * @param timeZone the zone the periods follow, or null for UTC and in tree mode
 * @param periodStart start of the current period (null in tree mode)
 * @param periodEnd end of the current period, exclusive (null in tree mode)
 * @param createdAt when the assignment (or, in tree mode, the entity) was created
 */
public record TreeRow(
    String entityId,
    String entityTypeId,
    String displayName,
    String parentId,
    boolean archived,
    UUID assignmentId,
    String capabilityId,
    Set<String> scopeEntityIds,
    Long usageLimit,
    Long softLimit,
    List<Double> alertThresholds,
    Long currentUsage,
    Long reserved,
    Double utilization,
    Cadence cadence,
    ZoneId timeZone,
    Instant periodStart,
    Instant periodEnd,
    Instant createdAt) {
  public TreeRow {
    alertThresholds = alertThresholds == null ? List.of() : List.copyOf(alertThresholds);
  }

  /**
   * {@code usageLimit - currentUsage - reserved}, never negative; null for an unlimited budget or a
   * tree-mode row.
   */
  public Long remaining() {
    if (usageLimit == null || currentUsage == null) {
      return null;
    }
    long committed = currentUsage + (reserved == null ? 0L : reserved);
    return Math.max(0L, usageLimit - (committed < 0 ? Long.MAX_VALUE : committed));
  }

  /** True when usage is above the budget's soft limit (never in tree mode). */
  public boolean overSoftLimit() {
    return softLimit != null && currentUsage != null && currentUsage > softLimit;
  }
}
