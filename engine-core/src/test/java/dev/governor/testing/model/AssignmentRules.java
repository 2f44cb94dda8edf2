package dev.governor.testing.model;

import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.Cadence;
import dev.governor.catalog.Entity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * docs/semantics.md §2 for the assignments (budgets) of one owner: the rules of an assignment upsert, including
 * the parent it may carry for its entity and the usage a cadence or anchor change carries over, and
 * of deletes by id and by natural key. Item methods return the rules the item breaks (nothing changed
 * then) or apply the item and return an empty list. The hierarchy rules of a parent the item
 * carries are {@code entities}'s, for the same owner and instant. Used for one batch on one model
 * copy; not thread-safe.
 */
record AssignmentRules(EntityRules entities) {

  /**
   * Applies item {@code index}; {@code out} receives the row as of this item (the caller adds the
   * parents after the batch). {@code accepted} is the engine's answer, whose ids new rows take, or null.
   */
  List<Violation> upsert(AssignmentUpsert item, int index, List<Assignment> accepted, List<ModelRow> out) {
    List<Violation> v = new ArrayList<>();
    String entityId = item.entityId();
    OwnerModel owner = entities.owner();
    Instant now = entities.now();
    Entity entity = null;
    if (!ReferenceRules.id(entityId)) {
      v.add(Violation.invalidId("entityId", entityId));
    } else {
      entity = owner.entity(entityId);
      if (entity == null) {
        v.add(Violation.notFound("entityId", "entity"));
      }
    }
    String capabilityId = item.capabilityId();
    boolean capabilityOk = false;
    if (!ReferenceRules.id(capabilityId)) {
      v.add(Violation.invalidId("capabilityId", capabilityId));
    } else if (!entities.catalog().capabilities().containsKey(capabilityId)) {
      v.add(Violation.notFound("capabilityId", "capability"));
    } else {
      capabilityOk = true;
    }
    List<String> scope = item.scopeEntityIds();
    boolean scopeOk = scope.size() <= ReferenceRules.MAX_SCOPE;
    if (!scopeOk) {
      v.add(Violation.invalid("scopeEntityIds"));
    }
    for (int j = 0; j < scope.size() && scopeOk; j++) {
      String s = scope.get(j);
      String field = "scopeEntityIds[" + j + "]";
      if (!ReferenceRules.id(s)) {
        v.add(Violation.invalidId(field, s));
        scopeOk = false;
      } else if (owner.entity(s) == null) {
        v.add(Violation.notFound(field, "entity"));
        scopeOk = false;
      }
    }
    ModelKey key = entity != null && capabilityOk && scopeOk ? new ModelKey(entityId, capabilityId, scope) : null;
    ModelRow existing = key == null ? null : owner.rowByKey(key);

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
      cadence = ReferenceRules.cadence(item.cadence().value());
      if (cadence == null) {
        v.add(Violation.invalid("cadence"));
      }
    } else if (existing == null) {
      v.add(Violation.invalid("cadence"));
    }
    Instant anchor = existing == null ? null : existing.anchor();
    if (item.anchor().isSet()) {
      Instant sent = item.anchor().value();
      if (sent != null && !ReferenceRules.anchor(sent)) {
        v.add(Violation.invalid("anchor"));
      }
      anchor = ReferenceRules.storedAnchor(sent);
    }
    if (entity != null) {
      v.addAll(entities.parentViolations(entityId, entity.parentId(), item.parentId()));
    }
    if (!v.isEmpty()) {
      return v;
    }

    String parent = EntityRules.newParent(entity.parentId(), item.parentId());
    if (!Objects.equals(parent, entity.parentId())) {
      // The parent belongs to the entity: the entity changes, not the assignment.
      owner.putEntity(new Entity(entity.id(), entity.typeId(), entity.displayName(), entity.metadata(), parent,
          entity.archivedAt(), entity.createdAt(), now));
    }
    ModelRow next;
    if (existing == null) {
      UUID id = accepted != null ? accepted.get(index).id() : entities.catalog().newPlaceholder();
      if (owner.rowById(id) != null) {
        throw new Rejection(index, List.of(Violation.invalid("id")), "the engine reused assignment id " + id + " for");
      }
      next = new ModelRow(id, key, limit, cadence, anchor, now, now);
    } else {
      next = new ModelRow(existing.id(), key, limit, cadence, anchor, existing.createdAt(), existing.updatedAt());
      if (!next.sameContent(existing)) {
        next = new ModelRow(existing.id(), key, limit, cadence, anchor, existing.createdAt(), now);
      }
      carryUsage(existing, next);
    }
    owner.putRow(next);
    out.add(next);
    return List.of();
  }

  /**
   * docs/semantics.md §2: an admin edit is never a free reset. A limit change keeps the counter as it is; a new
   * cadence or anchor moves the usage of the current period under the old schedule to the current
   * period under the new one, and usage of older periods is not carried (it must not come back
   * because a longer period happens to contain it).
   */
  private void carryUsage(ModelRow before, ModelRow after) {
    OwnerModel owner = entities.owner();
    Instant now = entities.now();
    boolean rescheduled = !after.cadence().equals(before.cadence()) || !Objects.equals(after.anchor(), before.anchor());
    if (rescheduled && owner.counter(before.id()) != null) {
      owner.putCounter(after.id(), new UsageCounter(after.periodAt(now).start(), owner.usageAt(before, now)));
    }
  }

  /** Removes {@code row} (if any) with its usage; deletes skip ids and keys that name nothing. */
  static void delete(OwnerModel owner, ModelRow row, List<Assignment> out) {
    if (row != null) {
      out.add(owner.toAssignment(row));
      owner.removeRow(row);
    }
  }

  /** Validates a delete or lookup key: the ids must be well formed even when nothing matches. */
  static List<Violation> keyViolations(AssignmentKey key) {
    List<Violation> v = new ArrayList<>();
    if (!ReferenceRules.id(key.entityId())) {
      v.add(Violation.invalidId("entityId", key.entityId()));
    }
    if (!ReferenceRules.id(key.capabilityId())) {
      v.add(Violation.invalidId("capabilityId", key.capabilityId()));
    }
    int j = 0;
    for (String s : key.scopeEntityIds()) {
      if (!ReferenceRules.id(s)) {
        v.add(Violation.invalidId("scopeEntityIds[" + j + "]", s));
        break;
      }
      j++;
    }
    return v;
  }
}
