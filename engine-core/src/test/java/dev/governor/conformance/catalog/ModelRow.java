package dev.governor.conformance.catalog;

import dev.governor.catalog.Assignment;
import dev.governor.catalog.Cadence;
import java.time.Instant;
import java.util.UUID;

/** An assignment as the model keeps it: everything but the parent, which belongs to the entity. */
record ModelRow(UUID id, ModelKey key, Long usageLimit, Cadence cadence, Instant anchor, Instant createdAt, Instant updatedAt) {
  /** Model-made ids for rows the engine has not named yet; a random (v4) UUID never has these high bits. */
  static final long PLACEHOLDER_MSB = 0L;

  static boolean isPlaceholder(UUID id) {
    return id.getMostSignificantBits() == PLACEHOLDER_MSB;
  }

  ModelRow withId(UUID newId) {
    return new ModelRow(newId, key, usageLimit, cadence, anchor, createdAt, updatedAt);
  }

  Assignment toAssignment(String parentId) {
    return new Assignment(id, key.entityId(), key.capabilityId(), new java.util.TreeSet<>(key.scope()), usageLimit,
        cadence, anchor, parentId, createdAt, updatedAt);
  }

  /** Same content, ignoring the timestamps, to tell a real change from a re-send. */
  boolean sameContent(ModelRow o) {
    return java.util.Objects.equals(usageLimit, o.usageLimit) && cadence.equals(o.cadence)
        && java.util.Objects.equals(anchor, o.anchor);
  }
}
