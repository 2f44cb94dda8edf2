package dev.governor.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * One item of an assignment upsert, matched on its natural key (entity, capability, scope). Build it
 * fluently:
 * {@code AssignmentUpsert.of("team-eng", "ai-tokens").scope("model-gpt4o").usageLimit(10_000).cadence("P1M")}.
 *
 * <p>On create {@code usageLimit} and {@code cadence} are required; on update each may be left out
 * to keep it. {@link #unlimited()} makes the budget tracked but unlimited. The parent is tri-state
 * and belongs to the entity: not set keeps it, {@link #detachParent()} makes the entity a root,
 * {@link #parent(String)} sets or changes it. Immutable; every method returns a new instance.
 *
 * @param entityId the entity holding the budget
 * @param capabilityId the capability
 * @param scopeEntityIds the scope (order and duplicates do not matter); empty for node-wide
 * @param usageLimit the limit (null = unlimited), or keep
 * @param cadence the ISO-8601 cadence text, or keep
 * @param anchor the billing-cycle anchor (null = UTC calendar alignment), or keep
 * @param parentId the entity's parent (null detaches), or keep
 */
public record AssignmentUpsert(
    String entityId,
    String capabilityId,
    List<String> scopeEntityIds,
    Patch<Long> usageLimit,
    Patch<String> cadence,
    Patch<Instant> anchor,
    Patch<String> parentId) {
  public AssignmentUpsert {
    scopeEntityIds = scopeEntityIds == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(scopeEntityIds));
    usageLimit = Patch.orKeep(usageLimit);
    cadence = Patch.orKeep(cadence);
    anchor = Patch.orKeep(anchor);
    parentId = Patch.orKeep(parentId);
  }

  /** An upsert of the node-wide budget of {@code entityId} for {@code capabilityId}. */
  public static AssignmentUpsert of(String entityId, String capabilityId) {
    return new AssignmentUpsert(entityId, capabilityId, List.of(), Patch.keep(), Patch.keep(), Patch.keep(), Patch.keep());
  }

  /** Restricts the budget to requests whose resolved set contains every one of these entities. */
  public AssignmentUpsert scope(String... scopeEntityIds) {
    return scope(scopeEntityIds == null ? null : Arrays.asList(scopeEntityIds));
  }

  /** Restricts the budget to requests whose resolved set contains every one of these entities. */
  public AssignmentUpsert scope(Collection<String> scopeEntityIds) {
    List<String> copy = scopeEntityIds == null ? null : new ArrayList<>(scopeEntityIds);
    if (copy == null) {
      copy = new ArrayList<>();
      copy.add(null);
    }
    return new AssignmentUpsert(entityId, capabilityId, copy, usageLimit, cadence, anchor, parentId);
  }

  /** Sets a hard limit per period; 0 denies every positive amount. */
  public AssignmentUpsert usageLimit(long limit) {
    return new AssignmentUpsert(entityId, capabilityId, scopeEntityIds, Patch.set(limit), cadence, anchor, parentId);
  }

  /** Makes the budget tracked but unlimited: usage is counted and reported, never denied. */
  public AssignmentUpsert unlimited() {
    return new AssignmentUpsert(entityId, capabilityId, scopeEntityIds, Patch.set(null), cadence, anchor, parentId);
  }

  /** Sets the cadence from ISO-8601 text such as {@code P1M}. */
  public AssignmentUpsert cadence(String iso) {
    return new AssignmentUpsert(entityId, capabilityId, scopeEntityIds, usageLimit, Patch.set(iso), anchor, parentId);
  }

  /** Sets the cadence. */
  public AssignmentUpsert cadence(Cadence cadence) {
    return cadence(cadence == null ? null : cadence.toString());
  }

  /** Counts periods from this instant instead of the UTC calendar (kept to millisecond precision). */
  public AssignmentUpsert anchor(Instant anchor) {
    return new AssignmentUpsert(entityId, capabilityId, scopeEntityIds, usageLimit, cadence, Patch.set(anchor), parentId);
  }

  /** Returns to UTC calendar alignment. */
  public AssignmentUpsert clearAnchor() {
    return anchor(null);
  }

  /** Sets or changes the parent of the entity. */
  public AssignmentUpsert parent(String parentId) {
    return new AssignmentUpsert(entityId, capabilityId, scopeEntityIds, usageLimit, cadence, anchor, Patch.set(parentId));
  }

  /** Detaches the entity to root. */
  public AssignmentUpsert detachParent() {
    return new AssignmentUpsert(entityId, capabilityId, scopeEntityIds, usageLimit, cadence, anchor, Patch.set(null));
  }
}
