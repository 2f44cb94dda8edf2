package dev.governor.catalog;

import java.time.Instant;
import java.time.ZoneId;
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
 * to keep it. {@link #unlimited()} makes the budget tracked but unlimited. Every other field is
 * optional and tri-state the same way: not set keeps it (on create: none, UTC), set changes it, set
 * to null clears it. The parent belongs to the entity: {@link #detachParent()} makes the entity a
 * root, {@link #parent(String)} sets or changes it. Immutable; every method returns a new instance.
 *
 * @param entityId the entity holding the budget
 * @param capabilityId the capability
 * @param scopeEntityIds the scope (order and duplicates do not matter); empty for node-wide
 * @param usageLimit the limit (null = unlimited), or keep
 * @param softLimit usage above it is allowed but flagged (null = none), or keep
 * @param alertThresholds fractions of the limit whose crossing is announced to listeners (empty or
 *     null = none), or keep
 * @param cadence the ISO-8601 cadence text, or keep
 * @param anchor the billing-cycle anchor (null = calendar alignment), or keep
 * @param timeZone the IANA time zone periods follow (null = UTC), or keep
 * @param parentId the entity's parent (null detaches), or keep
 */
public record AssignmentUpsert(
    String entityId,
    String capabilityId,
    List<String> scopeEntityIds,
    Patch<Long> usageLimit,
    Patch<Long> softLimit,
    Patch<List<Double>> alertThresholds,
    Patch<String> cadence,
    Patch<Instant> anchor,
    Patch<String> timeZone,
    Patch<String> parentId) {
  public AssignmentUpsert {
    scopeEntityIds = scopeEntityIds == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(scopeEntityIds));
    usageLimit = Patch.orKeep(usageLimit);
    softLimit = Patch.orKeep(softLimit);
    alertThresholds = Patch.orKeep(alertThresholds);
    if (alertThresholds.isSet() && alertThresholds.value() != null) {
      // A copy that keeps a null element, so validation can name it.
      alertThresholds = Patch.set(Collections.unmodifiableList(new ArrayList<>(alertThresholds.value())));
    }
    cadence = Patch.orKeep(cadence);
    anchor = Patch.orKeep(anchor);
    timeZone = Patch.orKeep(timeZone);
    parentId = Patch.orKeep(parentId);
  }

  /** An upsert of the node-wide budget of {@code entityId} for {@code capabilityId}. */
  public static AssignmentUpsert of(String entityId, String capabilityId) {
    return new AssignmentUpsert(entityId, capabilityId, List.of(), Patch.keep(), Patch.keep(), Patch.keep(), Patch.keep(),
        Patch.keep(), Patch.keep(), Patch.keep());
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
    return new AssignmentUpsert(entityId, capabilityId, copy, usageLimit, softLimit, alertThresholds, cadence, anchor,
        timeZone, parentId);
  }

  /** Sets a hard limit per period; 0 denies every positive amount. */
  public AssignmentUpsert usageLimit(long limit) {
    return withUsageLimit(Patch.set(limit));
  }

  /** Makes the budget tracked but unlimited: usage is counted and reported, never denied. */
  public AssignmentUpsert unlimited() {
    return withUsageLimit(Patch.set(null));
  }

  private AssignmentUpsert withUsageLimit(Patch<Long> limit) {
    return new AssignmentUpsert(entityId, capabilityId, scopeEntityIds, limit, softLimit, alertThresholds, cadence, anchor,
        timeZone, parentId);
  }

  /** Flags usage above {@code limit} (never denies it); also on tracked-but-unlimited budgets. */
  public AssignmentUpsert softLimit(long limit) {
    return withSoftLimit(Patch.set(limit));
  }

  /** Removes the soft limit. */
  public AssignmentUpsert noSoftLimit() {
    return withSoftLimit(Patch.set(null));
  }

  private AssignmentUpsert withSoftLimit(Patch<Long> soft) {
    return new AssignmentUpsert(entityId, capabilityId, scopeEntityIds, usageLimit, soft, alertThresholds, cadence, anchor,
        timeZone, parentId);
  }

  /**
   * Announces to the engine's listener, once per period, each of these fractions of the limit that
   * usage reaches (such as 0.5, 0.8, 1.0); none clears them.
   */
  public AssignmentUpsert alertThresholds(double... fractions) {
    List<Double> list = new ArrayList<>();
    if (fractions != null) {
      for (double f : fractions) {
        list.add(f);
      }
    }
    return alertThresholds(list);
  }

  /** Removes every alert threshold. */
  public AssignmentUpsert noAlertThresholds() {
    return alertThresholds(List.of());
  }

  /** Like {@link #alertThresholds(double...)}; null or empty clears them. */
  public AssignmentUpsert alertThresholds(List<Double> fractions) {
    return new AssignmentUpsert(entityId, capabilityId, scopeEntityIds, usageLimit, softLimit,
        Patch.set(fractions == null ? List.of() : fractions), cadence, anchor, timeZone, parentId);
  }

  /** Sets the cadence from ISO-8601 text such as {@code P1M}. */
  public AssignmentUpsert cadence(String iso) {
    return new AssignmentUpsert(entityId, capabilityId, scopeEntityIds, usageLimit, softLimit, alertThresholds, Patch.set(iso),
        anchor, timeZone, parentId);
  }

  /** Sets the cadence. */
  public AssignmentUpsert cadence(Cadence cadence) {
    return cadence(cadence == null ? null : cadence.toString());
  }

  /** Counts periods from this instant instead of the calendar (kept to millisecond precision). */
  public AssignmentUpsert anchor(Instant anchor) {
    return new AssignmentUpsert(entityId, capabilityId, scopeEntityIds, usageLimit, softLimit, alertThresholds, cadence,
        Patch.set(anchor), timeZone, parentId);
  }

  /** Returns to calendar alignment. */
  public AssignmentUpsert clearAnchor() {
    return anchor(null);
  }

  /**
   * Periods follow this IANA time zone (such as {@code Europe/Berlin}): days start at its midnight,
   * weeks on its Monday, months on its 1st; null returns to UTC.
   */
  public AssignmentUpsert timeZone(String zoneId) {
    return new AssignmentUpsert(entityId, capabilityId, scopeEntityIds, usageLimit, softLimit, alertThresholds, cadence,
        anchor, Patch.set(zoneId), parentId);
  }

  /** Like {@link #timeZone(String)}. */
  public AssignmentUpsert timeZone(ZoneId zone) {
    return timeZone(zone == null ? null : zone.getId());
  }

  /** Sets or changes the parent of the entity. */
  public AssignmentUpsert parent(String parentId) {
    return new AssignmentUpsert(entityId, capabilityId, scopeEntityIds, usageLimit, softLimit, alertThresholds, cadence,
        anchor, timeZone, Patch.set(parentId));
  }

  /** Detaches the entity to root. */
  public AssignmentUpsert detachParent() {
    return parent(null);
  }
}
