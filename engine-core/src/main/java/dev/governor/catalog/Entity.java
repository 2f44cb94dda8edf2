package dev.governor.catalog;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An instance of an entity type inside one owner, such as {@code org-acme} of type {@code org}.
 * Immutable.
 *
 * @param id unique within its owner
 * @param typeId the entity type; fixed at creation
 * @param displayName optional label, or null
 * @param metadata string metadata, sorted by key (unmodifiable)
 * @param parentId the parent entity in the same owner, or null for a root
 * @param archivedAt when it was archived, or null while it is active
 * @param createdAt when it was created (engine clock)
 * @param updatedAt when something about it last changed
 */
public record Entity(
    String id,
    String typeId,
    String displayName,
    Map<String, String> metadata,
    String parentId,
    Instant archivedAt,
    Instant createdAt,
    Instant updatedAt) {
  public Entity {
    metadata = metadata.isEmpty() ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
  }

  /** True when the entity is archived (soft-deleted). */
  public boolean isArchived() {
    return archivedAt != null;
  }

  /** True when the entity has no parent. */
  public boolean isRoot() {
    return parentId == null;
  }
}
