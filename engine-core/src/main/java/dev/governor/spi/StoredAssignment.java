package dev.governor.spi;

import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Cadence;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.Collections;
import java.util.UUID;

/**
 * An assignment as a store keeps it: everything of {@link dev.governor.catalog.Assignment} but the
 * entity's parent, which belongs to the entity. Its usage lives in the ledger, behind a
 * {@link LedgerCounter}. Immutable.
 *
 * @param id the generated id
 * @param entityId the entity holding the budget
 * @param capabilityId the capability it limits
 * @param scopeEntityIds the scope, sorted; empty for node-wide
 * @param usageLimit the limit, or null for tracked-but-unlimited
 * @param softLimit the soft limit, or null for none
 * @param alertThresholds the alert thresholds (fractions of the limit), ascending; empty for none
 * @param cadence the period length
 * @param anchor the billing-cycle anchor, or null for calendar alignment
 * @param timeZone the time zone of the periods, or null for UTC
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record StoredAssignment(
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
    Instant createdAt,
    Instant updatedAt) {
  private static final SortedSet<String> NO_SCOPE = Collections.unmodifiableSortedSet(new TreeSet<>());

  public StoredAssignment {
    scopeEntityIds = scopeEntityIds.isEmpty() ? NO_SCOPE : Collections.unmodifiableSortedSet(new TreeSet<>(scopeEntityIds));
    alertThresholds = alertThresholds == null ? List.of() : List.copyOf(alertThresholds);
  }

  /** The natural key. */
  public AssignmentKey key() {
    return new AssignmentKey(entityId, capabilityId, scopeEntityIds);
  }

  /** The public view, with the entity's current parent. */
  public Assignment toAssignment(String parentId) {
    return new Assignment(id, entityId, capabilityId, scopeEntityIds, usageLimit, softLimit, alertThresholds, cadence, anchor,
        timeZone, parentId, createdAt, updatedAt);
  }
}
