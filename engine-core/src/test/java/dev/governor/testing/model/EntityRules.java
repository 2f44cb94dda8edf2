package dev.governor.testing.model;

import static dev.governor.ConflictException.Reason.CYCLE;
import static dev.governor.ConflictException.Reason.MAX_DEPTH_EXCEEDED;
import static dev.governor.ConflictException.Reason.NON_LEAF_MOVE;
import static dev.governor.ConflictException.Reason.PARENT_ARCHIVED;
import static dev.governor.ConflictException.Reason.TYPE_CHANGE;

import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityUpsert;
import dev.governor.catalog.Patch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * docs/semantics.md §2 for the entities of one owner: the rules of an entity upsert (type, display name,
 * metadata merge patch, parent), archive and unarchive, and the hierarchy rules a parent change
 * follows whether an entity or an assignment upsert sends it. Item methods return the rules the item
 * breaks (nothing changed then) or apply the item and return an empty list. {@code now} stamps
 * what the batch writes. Used for one batch on one model copy; not thread-safe.
 */
record EntityRules(CatalogModel catalog, OwnerModel owner, Instant now) {

  /**
   * The rules a tri-state parent patch breaks for {@code entityId} (which may not exist yet) whose
   * parent is {@code current}. Re-sending the current parent is never a change, so it is always fine.
   */
  List<Violation> parentViolations(String entityId, String current, Patch<String> patch) {
    if (patch.isKeep() || Objects.equals(patch.value(), current)) {
      return List.of();
    }
    String p = patch.value();
    if (p != null && !ReferenceRules.id(p)) {
      return List.of(Violation.invalidId("parentId", p));
    }
    List<Violation> v = new ArrayList<>();
    if (owner.hasChildren(entityId)) {
      v.add(Violation.conflict("parentId", NON_LEAF_MOVE));
    }
    if (p == null) {
      return v;
    }
    if (p.equals(entityId)) {
      v.add(Violation.conflict("parentId", CYCLE));
      if (owner.entity(p) == null) {
        // A new entity naming itself: "no such parent" is equally true.
        v.add(Violation.notFound("parentId", "entity"));
      }
      return v;
    }
    Entity parent = owner.entity(p);
    if (parent == null) {
      v.add(Violation.notFound("parentId", "entity"));
      return v;
    }
    if (parent.isArchived()) {
      v.add(Violation.conflict("parentId", PARENT_ARCHIVED));
    }
    if (owner.entity(entityId) != null && owner.isAncestorOrSelf(entityId, p)) {
      v.add(Violation.conflict("parentId", CYCLE));
    }
    if (owner.depth(p) + 1 > catalog.maxDepth()) {
      v.add(Violation.conflict("parentId", MAX_DEPTH_EXCEEDED));
    }
    return v;
  }

  /** The parent after a patch that broke no rule. */
  static String newParent(String current, Patch<String> patch) {
    return patch.isKeep() ? current : patch.value();
  }

  List<Violation> upsert(EntityUpsert item, List<Entity> out) {
    String id = item.id();
    if (!ReferenceRules.id(id)) {
      return List.of(Violation.invalidId("id", id));
    }
    Entity existing = owner.entity(id);
    List<Violation> v = new ArrayList<>();

    String typeId = existing == null ? null : existing.typeId();
    if (item.typeId().isSet()) {
      String t = item.typeId().value();
      if (!ReferenceRules.id(t)) {
        v.add(Violation.invalidId("typeId", t));
      } else if (existing != null && !existing.typeId().equals(t)) {
        v.add(Violation.conflict("typeId", TYPE_CHANGE));
      } else if (existing == null && !catalog.types().containsKey(t)) {
        v.add(Violation.notFound("typeId", "entity type"));
      } else {
        typeId = t;
      }
    } else if (existing == null) {
      v.add(Violation.invalid("typeId"));
    }

    String name = existing == null ? null : existing.displayName();
    if (item.displayName().isSet()) {
      String n = item.displayName().value();
      if (n != null && !ReferenceRules.displayName(n)) {
        v.add(Violation.invalid("displayName"));
      } else {
        name = n;
      }
    }

    TreeMap<String, String> metadata = new TreeMap<>(existing == null ? Map.of() : existing.metadata());
    if (item.metadata().isSet()) {
      Violation bad = mergeMetadata(metadata, item.metadata().value());
      if (bad != null) {
        v.add(bad);
      }
    }

    String current = existing == null ? null : existing.parentId();
    v.addAll(parentViolations(id, current, item.parentId()));
    if (!v.isEmpty()) {
      return v;
    }

    String parent = newParent(current, item.parentId());
    Entity next;
    if (existing == null) {
      next = new Entity(id, typeId, name, metadata, parent, null, now, now);
    } else {
      next = new Entity(id, typeId, name, metadata, parent, existing.archivedAt(), existing.createdAt(), existing.updatedAt());
      if (!next.equals(existing)) {
        next = new Entity(id, typeId, name, metadata, parent, existing.archivedAt(), existing.createdAt(), now);
      }
    }
    owner.putEntity(next);
    out.add(next);
    return List.of();
  }

  /** Applies a merge patch; returns the first rule it breaks, or null. */
  private static Violation mergeMetadata(TreeMap<String, String> metadata, Map<String, String> patch) {
    if (patch == null) {
      return Violation.invalid("metadata");
    }
    for (Map.Entry<String, String> e : patch.entrySet()) {
      if (!ReferenceRules.metadataKey(e.getKey())) {
        return Violation.invalid("metadata");
      }
      if (!ReferenceRules.metadataValue(e.getValue())) {
        return Violation.invalid("metadata." + e.getKey());
      }
      if (e.getValue().isEmpty()) {
        metadata.remove(e.getKey());
      } else {
        metadata.put(e.getKey(), e.getValue());
      }
    }
    return metadata.size() > ReferenceRules.MAX_METADATA_ENTRIES ? Violation.invalid("metadata") : null;
  }

  List<Violation> setArchived(String id, boolean archive, List<Entity> out) {
    if (!ReferenceRules.id(id)) {
      return List.of(Violation.invalidId("ids", id));
    }
    Entity e = owner.entity(id);
    if (e == null) {
      return List.of(Violation.notFound("ids", "entity"));
    }
    if (e.isArchived() != archive) {
      e = new Entity(e.id(), e.typeId(), e.displayName(), e.metadata(), e.parentId(), archive ? now : null,
          e.createdAt(), now);
      owner.putEntity(e);
    }
    out.add(e);
    return List.of();
  }
}
