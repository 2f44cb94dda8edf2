package dev.governor.spi;

import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Cadence;
import java.time.Instant;
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
 * @param cadence the period length
 * @param anchor the billing-cycle anchor, or null for UTC calendar alignment
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record StoredAssignment(
    UUID id,
    String entityId,
    String capabilityId,
    Set<String> scopeEntityIds,
    Long usageLimit,
    Cadence cadence,
    Instant anchor,
    Instant createdAt,
    Instant updatedAt) {
  private static final SortedSet<String> NO_SCOPE = Collections.unmodifiableSortedSet(new TreeSet<>());

  public StoredAssignment {
    scopeEntityIds = scopeEntityIds.isEmpty() ? NO_SCOPE : Collections.unmodifiableSortedSet(new TreeSet<>(scopeEntityIds));
  }

  /** The natural key. */
  public AssignmentKey key() {
    return new AssignmentKey(entityId, capabilityId, scopeEntityIds);
  }

  /** The public view, with the entity's current parent. */
  public Assignment toAssignment(String parentId) {
    return new Assignment(id, entityId, capabilityId, scopeEntityIds, usageLimit, cadence, anchor, parentId, createdAt, updatedAt);
  }
}
