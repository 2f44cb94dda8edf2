package dev.governor.testing.model;

import dev.governor.catalog.Assignment;
import dev.governor.catalog.Cadence;
import dev.governor.testing.model.ReferencePeriods.Period;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * An assignment as the models keep it: everything but the parent, which belongs to the entity, and
 * but the usage, which the owner keeps per assignment id. A value: equality covers every field. It
 * remembers the last period it computed (periods partition time, so that one answers every instant
 * inside it); that cache is derived from the immutable cadence and anchor, so model copies may share
 * rows. Not thread-safe (the cache), like the models.
 */
public final class ModelRow {
  /** Model-made ids for rows the engine has not named yet; a random (v4) UUID never has these high bits. */
  static final long PLACEHOLDER_MSB = 0L;

  private final UUID id;
  private final ModelKey key;
  private final SortedSet<String> scope;
  private final Long usageLimit;
  private final Cadence cadence;
  private final Instant anchor;
  private final Instant createdAt;
  private final Instant updatedAt;
  private Period lastPeriod;

  public ModelRow(UUID id, ModelKey key, Long usageLimit, Cadence cadence, Instant anchor, Instant createdAt,
      Instant updatedAt) {
    this.id = id;
    this.key = key;
    this.scope = Collections.unmodifiableSortedSet(new TreeSet<>(key.scope()));
    this.usageLimit = usageLimit;
    this.cadence = cadence;
    this.anchor = anchor;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
  }

  /** The same row built from what the engine returned (its parent is the entity's business). */
  public static ModelRow of(Assignment a) {
    return new ModelRow(a.id(), ModelKey.of(a.key()), a.usageLimit(), a.cadence(), a.anchor(), a.createdAt(),
        a.updatedAt());
  }

  /** Whether the id was made by the model for a new row, not yet replaced by the engine's. */
  public static boolean isPlaceholder(UUID id) {
    return id.getMostSignificantBits() == PLACEHOLDER_MSB;
  }

  public UUID id() {
    return id;
  }

  public ModelKey key() {
    return key;
  }

  public String entityId() {
    return key.entityId();
  }

  public String capabilityId() {
    return key.capabilityId();
  }

  /** The scope as the public types carry it: a sorted set. */
  public SortedSet<String> scope() {
    return scope;
  }

  public Long usageLimit() {
    return usageLimit;
  }

  public Cadence cadence() {
    return cadence;
  }

  public Instant anchor() {
    return anchor;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /** The period of this budget that contains {@code t}. */
  public Period periodAt(Instant t) {
    Period p = lastPeriod;
    if (p == null || !p.contains(t)) {
      p = ReferencePeriods.periodAt(cadence, anchor, t);
      lastPeriod = p;
    }
    return p;
  }

  ModelRow withId(UUID newId) {
    return new ModelRow(newId, key, usageLimit, cadence, anchor, createdAt, updatedAt);
  }

  /** The public view, with the parent its entity has now. */
  public Assignment toAssignment(String parentId) {
    // The model covers the fields its generator writes; soft limits, thresholds and zones have suites of their own.
    return new Assignment(id, key.entityId(), key.capabilityId(), scope, usageLimit, null, java.util.List.of(), cadence, anchor,
        null, parentId, createdAt, updatedAt);
  }

  /** Same content, ignoring the timestamps, to tell a real change from a re-send. */
  boolean sameContent(ModelRow o) {
    return Objects.equals(usageLimit, o.usageLimit) && cadence.equals(o.cadence) && Objects.equals(anchor, o.anchor);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelRow r && Objects.equals(id, r.id) && key.equals(r.key) && sameContent(r)
        && createdAt.equals(r.createdAt) && updatedAt.equals(r.updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, key, usageLimit, cadence, anchor, createdAt, updatedAt);
  }

  @Override
  public String toString() {
    return key.entityId() + "/" + key.capabilityId() + key.scope() + " id=" + id + " limit=" + usageLimit + " " + cadence
        + (anchor == null ? "" : "@" + anchor);
  }
}
