package dev.governor.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One item of an entity upsert. Build it fluently:
 * {@code EntityUpsert.of("team-eng").type("team").parent("org-acme").metadata("tier", "gold")}.
 *
 * <p>Fields not set are kept on update. {@code typeId} is required on create and cannot change.
 * {@code metadata} is a merge patch: sent keys overwrite, a key sent as {@code ""} is deleted, keys
 * not sent are kept. The parent is tri-state: not set keeps it (a new entity is a root),
 * {@link #detachParent()} makes the entity a root, {@link #parent(String)} sets or changes it.
 * Immutable; every method returns a new instance.
 *
 * @param id the entity id, unique within the owner
 * @param typeId the entity type, or keep
 * @param displayName the label (null clears it), or keep
 * @param metadata the metadata merge patch, or keep
 * @param parentId the parent id (null detaches to root), or keep
 */
public record EntityUpsert(
    String id,
    Patch<String> typeId,
    Patch<String> displayName,
    Patch<Map<String, String>> metadata,
    Patch<String> parentId) {
  public EntityUpsert {
    typeId = Patch.orKeep(typeId);
    displayName = Patch.orKeep(displayName);
    metadata = Patch.orKeep(metadata);
    parentId = Patch.orKeep(parentId);
  }

  /** An upsert of entity {@code id} that changes nothing yet. */
  public static EntityUpsert of(String id) {
    return new EntityUpsert(id, Patch.keep(), Patch.keep(), Patch.keep(), Patch.keep());
  }

  /** Sets the type (required on create; must equal the stored type on update). */
  public EntityUpsert type(String typeId) {
    return new EntityUpsert(id, Patch.set(typeId), displayName, metadata, parentId);
  }

  /** Sets the display name. */
  public EntityUpsert displayName(String name) {
    return new EntityUpsert(id, typeId, Patch.set(name), metadata, parentId);
  }

  /** Removes the display name. */
  public EntityUpsert clearDisplayName() {
    return new EntityUpsert(id, typeId, Patch.set(null), metadata, parentId);
  }

  /** Merges these entries into the metadata patch; a value of {@code ""} deletes the key. */
  public EntityUpsert metadata(Map<String, String> entries) {
    if (entries == null) {
      return new EntityUpsert(id, typeId, displayName, Patch.set(null), parentId);
    }
    Map<String, String> merged = new LinkedHashMap<>();
    if (metadata.value() != null) {
      merged.putAll(metadata.value());
    }
    merged.putAll(entries);
    return new EntityUpsert(id, typeId, displayName, Patch.set(Collections.unmodifiableMap(merged)), parentId);
  }

  /** Adds one entry to the metadata patch; a value of {@code ""} deletes the key. */
  public EntityUpsert metadata(String key, String value) {
    Map<String, String> one = new LinkedHashMap<>();
    one.put(key, value);
    return metadata(one);
  }

  /** Sets or changes the parent. */
  public EntityUpsert parent(String parentId) {
    return new EntityUpsert(id, typeId, displayName, metadata, Patch.set(parentId));
  }

  /** Detaches the entity to root. */
  public EntityUpsert detachParent() {
    return new EntityUpsert(id, typeId, displayName, metadata, Patch.set(null));
  }
}
