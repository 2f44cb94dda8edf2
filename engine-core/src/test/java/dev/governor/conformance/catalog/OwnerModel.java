package dev.governor.conformance.catalog;

import static dev.governor.ConflictException.Reason.CYCLE;
import static dev.governor.ConflictException.Reason.MAX_DEPTH_EXCEEDED;
import static dev.governor.ConflictException.Reason.NON_LEAF_MOVE;
import static dev.governor.ConflictException.Reason.PARENT_ARCHIVED;
import static dev.governor.ConflictException.Reason.TYPE_CHANGE;

import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Cadence;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityUpsert;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.Patch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The reference state of one owner: plain maps of entities and assignment rows, and the SPEC §2
 * rules applied item by item. Item methods return the rules the item breaks (nothing changed then;
 * the caller discards this working copy) or apply the item and return an empty list.
 */
final class OwnerModel {
  final String ownerId;
  final TreeMap<String, Entity> entities;
  final TreeMap<ModelKey, ModelRow> rows;

  OwnerModel(String ownerId) {
    this(ownerId, new TreeMap<>(), new TreeMap<>(ModelKey.ORDER));
  }

  private OwnerModel(String ownerId, TreeMap<String, Entity> entities, TreeMap<ModelKey, ModelRow> rows) {
    this.ownerId = ownerId;
    this.entities = entities;
    this.rows = rows;
  }

  OwnerModel copy() {
    TreeMap<ModelKey, ModelRow> r = new TreeMap<>(ModelKey.ORDER);
    r.putAll(rows);
    return new OwnerModel(ownerId, new TreeMap<>(entities), r);
  }

  // ---------------------------------------------------------------- reads

  String parentOf(String entityId) {
    Entity e = entities.get(entityId);
    return e == null ? null : e.parentId();
  }

  boolean hasChildren(String entityId) {
    for (Entity e : entities.values()) {
      if (entityId.equals(e.parentId())) {
        return true;
      }
    }
    return false;
  }

  /** Depth of an existing entity: a root alone is depth 1. */
  int depth(String entityId) {
    int d = 1;
    for (String p = parentOf(entityId); p != null; p = parentOf(p)) {
      d++;
      if (d > entities.size() + 1) {
        throw new IllegalStateException("model hierarchy has a cycle at " + entityId);
      }
    }
    return d;
  }

  /** True when {@code ancestor} is {@code id} or one of its ancestors. */
  boolean isAncestorOrSelf(String ancestor, String id) {
    for (String p = id; p != null; p = parentOf(p)) {
      if (p.equals(ancestor)) {
        return true;
      }
    }
    return false;
  }

  Assignment toAssignment(ModelRow row) {
    return row.toAssignment(parentOf(row.key().entityId()));
  }

  /** Every assignment in the documented list order, each showing its entity's current parent. */
  List<Assignment> assignments() {
    List<Assignment> out = new ArrayList<>(rows.size());
    for (ModelRow r : rows.values()) {
      out.add(toAssignment(r));
    }
    return out;
  }

  ModelRow rowById(UUID id) {
    for (ModelRow r : rows.values()) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    return null;
  }

  void rebind(Map<UUID, UUID> placeholders) {
    for (Map.Entry<ModelKey, ModelRow> e : rows.entrySet()) {
      UUID real = placeholders.get(e.getValue().id());
      if (real != null) {
        e.setValue(e.getValue().withId(real));
      }
    }
  }

  // ---------------------------------------------------------------- hierarchy

  /**
   * The rules a tri-state parent patch breaks for {@code entityId} (which may not exist yet) whose
   * parent is {@code current}. Re-sending the current parent is never a change, so it is always fine.
   */
  List<Violation> parentViolations(String entityId, String current, Patch<String> patch, int maxDepth) {
    if (patch.isKeep() || Objects.equals(patch.value(), current)) {
      return List.of();
    }
    String p = patch.value();
    if (p != null && !ModelRules.validId(p)) {
      return List.of(Violation.invalidId("parentId", p));
    }
    List<Violation> v = new ArrayList<>();
    if (hasChildren(entityId)) {
      v.add(Violation.conflict("parentId", NON_LEAF_MOVE));
    }
    if (p == null) {
      return v;
    }
    if (p.equals(entityId)) {
      v.add(Violation.conflict("parentId", CYCLE));
      if (!entities.containsKey(p)) {
        // A new entity naming itself: "no such parent" is equally true.
        v.add(Violation.notFound("parentId", "entity"));
      }
      return v;
    }
    Entity parent = entities.get(p);
    if (parent == null) {
      v.add(Violation.notFound("parentId", "entity"));
      return v;
    }
    if (parent.isArchived()) {
      v.add(Violation.conflict("parentId", PARENT_ARCHIVED));
    }
    if (entities.containsKey(entityId) && isAncestorOrSelf(entityId, p)) {
      v.add(Violation.conflict("parentId", CYCLE));
    }
    if (depth(p) + 1 > maxDepth) {
      v.add(Violation.conflict("parentId", MAX_DEPTH_EXCEEDED));
    }
    return v;
  }

  private static String newParent(String current, Patch<String> patch) {
    return patch.isKeep() ? current : patch.value();
  }

  // ---------------------------------------------------------------- entities

  List<Violation> upsertEntity(EntityUpsert item, CatalogModel global, Instant now, List<Object> out) {
    String id = item.id();
    if (!ModelRules.validId(id)) {
      return List.of(Violation.invalidId("id", id));
    }
    Entity existing = entities.get(id);
    List<Violation> v = new ArrayList<>();

    String typeId = existing == null ? null : existing.typeId();
    if (item.typeId().isSet()) {
      String t = item.typeId().value();
      if (!ModelRules.validId(t)) {
        v.add(Violation.invalidId("typeId", t));
      } else if (existing != null && !existing.typeId().equals(t)) {
        v.add(Violation.conflict("typeId", TYPE_CHANGE));
      } else if (existing == null && !global.types.containsKey(t)) {
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
      if (n != null && !ModelRules.validDisplayName(n)) {
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
    v.addAll(parentViolations(id, current, item.parentId(), global.maxDepth));
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
    entities.put(id, next);
    out.add(next);
    return List.of();
  }

  /** Applies a merge patch; returns the first rule it breaks, or null. */
  private static Violation mergeMetadata(TreeMap<String, String> metadata, Map<String, String> patch) {
    if (patch == null) {
      return Violation.invalid("metadata");
    }
    for (Map.Entry<String, String> e : patch.entrySet()) {
      if (!ModelRules.validMetadataKey(e.getKey())) {
        return Violation.invalid("metadata");
      }
      if (e.getValue() == null) {
        return Violation.invalid("metadata." + e.getKey());
      }
      if (e.getValue().isEmpty()) {
        metadata.remove(e.getKey());
      } else {
        metadata.put(e.getKey(), e.getValue());
      }
    }
    return metadata.size() > ModelRules.MAX_METADATA_KEYS ? Violation.invalid("metadata") : null;
  }

  List<Violation> setArchived(String id, boolean archive, Instant now, List<Object> out) {
    if (!ModelRules.validId(id)) {
      return List.of(Violation.invalidId("ids", id));
    }
    Entity e = entities.get(id);
    if (e == null) {
      return List.of(Violation.notFound("ids", "entity"));
    }
    if (e.isArchived() != archive) {
      e = new Entity(e.id(), e.typeId(), e.displayName(), e.metadata(), e.parentId(), archive ? now : null,
          e.createdAt(), now);
      entities.put(id, e);
    }
    out.add(e);
    return List.of();
  }

  // ---------------------------------------------------------------- assignments

  /** Applies one assignment item; {@code out} receives the row as of this item (parents are added later). */
  List<Violation> upsertAssignment(AssignmentUpsert item, CatalogModel global, Instant now, List<Object> out) {
    List<Violation> v = new ArrayList<>();
    String entityId = item.entityId();
    Entity entity = null;
    if (!ModelRules.validId(entityId)) {
      v.add(Violation.invalidId("entityId", entityId));
    } else {
      entity = entities.get(entityId);
      if (entity == null) {
        v.add(Violation.notFound("entityId", "entity"));
      }
    }
    String capabilityId = item.capabilityId();
    boolean capabilityOk = false;
    if (!ModelRules.validId(capabilityId)) {
      v.add(Violation.invalidId("capabilityId", capabilityId));
    } else if (!global.capabilities.containsKey(capabilityId)) {
      v.add(Violation.notFound("capabilityId", "capability"));
    } else {
      capabilityOk = true;
    }
    boolean scopeOk = true;
    List<String> scope = item.scopeEntityIds();
    for (int j = 0; j < scope.size() && scopeOk; j++) {
      String s = scope.get(j);
      String field = "scopeEntityIds[" + j + "]";
      if (!ModelRules.validId(s)) {
        v.add(Violation.invalidId(field, s));
        scopeOk = false;
      } else if (!entities.containsKey(s)) {
        v.add(Violation.notFound(field, "entity"));
        scopeOk = false;
      }
    }
    ModelKey key = entity != null && capabilityOk && scopeOk ? new ModelKey(entityId, capabilityId, scope) : null;
    ModelRow existing = key == null ? null : rows.get(key);

    Long limit = existing == null ? null : existing.usageLimit();
    if (item.usageLimit().isSet()) {
      limit = item.usageLimit().value();
      if (limit != null && limit < 0) {
        v.add(Violation.invalid("usageLimit"));
      }
    } else if (existing == null) {
      v.add(Violation.invalid("usageLimit"));
    }
    Cadence cadence = existing == null ? null : existing.cadence();
    if (item.cadence().isSet()) {
      String text = item.cadence().value();
      cadence = text == null ? null : ModelRules.VALID_CADENCES.get(text);
      if (cadence == null) {
        v.add(Violation.invalid("cadence"));
      }
    } else if (existing == null) {
      v.add(Violation.invalid("cadence"));
    }
    Instant anchor = existing == null ? null : existing.anchor();
    if (item.anchor().isSet()) {
      anchor = ModelRules.storedAnchor(item.anchor().value());
    }
    if (entity != null) {
      v.addAll(parentViolations(entityId, entity.parentId(), item.parentId(), global.maxDepth));
    }
    if (!v.isEmpty()) {
      return v;
    }

    String parent = newParent(entity.parentId(), item.parentId());
    if (!Objects.equals(parent, entity.parentId())) {
      // The parent belongs to the entity: the entity changes, not the assignment.
      entities.put(entityId, new Entity(entity.id(), entity.typeId(), entity.displayName(), entity.metadata(), parent,
          entity.archivedAt(), entity.createdAt(), now));
    }
    ModelRow next;
    if (existing == null) {
      next = new ModelRow(global.newPlaceholder(), key, limit, cadence, anchor, now, now);
    } else {
      next = new ModelRow(existing.id(), key, limit, cadence, anchor, existing.createdAt(), existing.updatedAt());
      if (!next.sameContent(existing)) {
        next = new ModelRow(existing.id(), key, limit, cadence, anchor, existing.createdAt(), now);
      }
    }
    rows.put(key, next);
    out.add(next);
    return List.of();
  }

  /** Removes the row with this id if any; deletes skip ids that name nothing. */
  void deleteById(UUID id, List<Object> out) {
    ModelRow row = rowById(id);
    if (row != null) {
      out.add(toAssignment(row));
      rows.remove(row.key());
    }
  }

  /** Validates a delete key: the ids must be well formed even when nothing matches. */
  static List<Violation> keyViolations(AssignmentKey key) {
    List<Violation> v = new ArrayList<>();
    if (!ModelRules.validId(key.entityId())) {
      v.add(Violation.invalidId("entityId", key.entityId()));
    }
    if (!ModelRules.validId(key.capabilityId())) {
      v.add(Violation.invalidId("capabilityId", key.capabilityId()));
    }
    int j = 0;
    for (String s : key.scopeEntityIds()) {
      if (!ModelRules.validId(s)) {
        v.add(Violation.invalidId("scopeEntityIds[" + j + "]", s));
        break;
      }
      j++;
    }
    return v;
  }

  void deleteByKey(AssignmentKey key, List<Object> out) {
    ModelRow row = rows.get(ModelKey.of(key));
    if (row != null) {
      out.add(toAssignment(row));
      rows.remove(row.key());
    }
  }
}
