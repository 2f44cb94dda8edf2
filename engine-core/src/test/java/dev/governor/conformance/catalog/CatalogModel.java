package dev.governor.conformance.catalog;

import dev.governor.ConflictException;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.Capability;
import dev.governor.catalog.CapabilityType;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityType;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.catalog.Patch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The reference model of the whole catalog: engine-wide types and capabilities plus one
 * {@link OwnerModel} per owner. Each operation method mutates this instance, so callers run it on a
 * {@link #copy()} and keep the copy only when the engine is expected to accept the operation: a
 * rejected batch then changes nothing by construction, exactly as SPEC §2 requires of the engine.
 */
final class CatalogModel {
  final int maxDepth;
  final TreeMap<String, EntityType> types;
  final TreeMap<String, Capability> capabilities;
  final TreeMap<String, OwnerModel> owners;
  private long placeholders;

  CatalogModel(int maxDepth) {
    this(maxDepth, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), 0);
  }

  private CatalogModel(int maxDepth, TreeMap<String, EntityType> types, TreeMap<String, Capability> capabilities,
      TreeMap<String, OwnerModel> owners, long placeholders) {
    this.maxDepth = maxDepth;
    this.types = types;
    this.capabilities = capabilities;
    this.owners = owners;
    this.placeholders = placeholders;
  }

  CatalogModel copy() {
    TreeMap<String, OwnerModel> o = new TreeMap<>();
    owners.forEach((id, m) -> o.put(id, m.copy()));
    return new CatalogModel(maxDepth, new TreeMap<>(types), new TreeMap<>(capabilities), o, placeholders);
  }

  OwnerModel owner(String ownerId) {
    return owners.computeIfAbsent(ownerId, OwnerModel::new);
  }

  UUID newPlaceholder() {
    return new UUID(ModelRow.PLACEHOLDER_MSB, ++placeholders);
  }

  /** The type that owns attribution key {@code key}, or null. */
  String keyOwner(String key) {
    for (EntityType t : types.values()) {
      if (t.attributionKeys().contains(key)) {
        return t.id();
      }
    }
    return null;
  }

  /** One item of a batch: the rules it breaks, or empty after applying it and adding its result to out. */
  interface ItemStep<T> {
    List<Violation> apply(T item, List<Object> out);
  }

  /** SPEC §2: 1..100 non-null items, applied in order; the first item that breaks a rule rejects the batch. */
  static <T> Outcome batch(String field, List<T> items, ItemStep<T> step) {
    if (items.isEmpty() || items.size() > ModelRules.MAX_BATCH) {
      return new Outcome.Rejected(-1, List.of(Violation.invalid(field)));
    }
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == null) {
        // The batch's shape is checked before any item is applied.
        return new Outcome.Rejected(i, List.of(Violation.invalid(field)));
      }
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      List<Violation> v = step.apply(items.get(i), out);
      if (!v.isEmpty()) {
        return new Outcome.Rejected(i, v);
      }
    }
    return new Outcome.Applied(out);
  }

  /** A bad owner id fails the whole call before any item is looked at. */
  static Outcome badOwner(String ownerId) {
    return new Outcome.Rejected(-1, List.of(Violation.invalidId("ownerId", ownerId)));
  }

  // ---------------------------------------------------------------- engine-wide catalog

  Outcome upsertTypes(List<EntityTypeUpsert> items, Instant now) {
    return batch("types", items, (item, out) -> upsertType(item, now, out));
  }

  private List<Violation> upsertType(EntityTypeUpsert item, Instant now, List<Object> out) {
    String id = item.id();
    if (!ModelRules.validId(id)) {
      return List.of(Violation.invalidId("id", id));
    }
    EntityType existing = types.get(id);
    List<Violation> v = new ArrayList<>();
    String name = existing == null ? null : existing.displayName();
    if (item.displayName().isSet()) {
      if (ModelRules.validDisplayName(item.displayName().value())) {
        name = item.displayName().value();
      } else {
        v.add(Violation.invalid("displayName"));
      }
    } else if (existing == null) {
      v.add(Violation.invalid("displayName"));
    }
    List<String> keys = existing == null ? List.of() : existing.attributionKeys();
    boolean keysOk = true;
    if (item.attributionKeys().isSet()) {
      List<String> sent = item.attributionKeys().value();
      if (sent == null) {
        v.add(Violation.invalid("attributionKeys"));
        keysOk = false;
      } else {
        for (int j = 0; j < sent.size() && keysOk; j++) {
          if (!ModelRules.validId(sent.get(j))) {
            v.add(Violation.invalidId("attributionKeys[" + j + "]", sent.get(j)));
            keysOk = false;
          }
        }
        if (keysOk) {
          keys = List.copyOf(new TreeSet<>(sent));
        }
      }
    }
    if (keysOk) {
      for (String key : keys) {
        String owner = keyOwner(key);
        if (owner != null && !owner.equals(id)) {
          v.add(Violation.conflict("attributionKeys", ConflictException.Reason.ATTRIBUTION_KEY_OWNED));
          break;
        }
      }
    }
    if (!v.isEmpty()) {
      return v;
    }
    EntityType next = existing == null
        ? new EntityType(id, name, keys, now, now)
        : new EntityType(id, name, keys, existing.createdAt(), existing.updatedAt());
    if (existing != null && !next.equals(existing)) {
      next = new EntityType(id, name, keys, existing.createdAt(), now);
    }
    types.put(id, next);
    out.add(next);
    return List.of();
  }

  Outcome upsertCapabilities(List<CapabilityUpsert> items, Instant now) {
    return batch("capabilities", items, (item, out) -> {
      if (!ModelRules.validId(item.id())) {
        return List.of(Violation.invalidId("id", item.id()));
      }
      Patch<CapabilityType> type = item.type();
      if (type.isSet() && type.value() == null) {
        return List.of(Violation.invalid("type"));
      }
      Capability existing = capabilities.get(item.id());
      Capability next = existing != null ? existing : new Capability(item.id(), type.orElse(CapabilityType.METER), now, now);
      capabilities.put(next.id(), next);
      out.add(next);
      return List.of();
    });
  }

  // ---------------------------------------------------------------- per owner

  Outcome upsertEntities(String ownerId, List<EntityUpsert> items, Instant now) {
    if (!ModelRules.validOwnerId(ownerId)) {
      return badOwner(ownerId);
    }
    OwnerModel o = owner(ownerId);
    return batch("entities", items, (item, out) -> o.upsertEntity(item, this, now, out));
  }

  Outcome setArchived(String ownerId, List<String> ids, boolean archive, Instant now) {
    if (!ModelRules.validOwnerId(ownerId)) {
      return badOwner(ownerId);
    }
    OwnerModel o = owner(ownerId);
    return batch("ids", ids, (id, out) -> o.setArchived(id, archive, now, out));
  }

  Outcome upsertAssignments(String ownerId, List<AssignmentUpsert> items, Instant now) {
    if (!ModelRules.validOwnerId(ownerId)) {
      return badOwner(ownerId);
    }
    OwnerModel o = owner(ownerId);
    Outcome outcome = batch("assignments", items, (item, out) -> o.upsertAssignment(item, this, now, out));
    if (outcome instanceof Outcome.Applied applied) {
      // Rows are snapshots per item, but each shows its entity's parent after the whole batch.
      List<Object> rows = new ArrayList<>();
      for (Object r : applied.outputs()) {
        rows.add(o.toAssignment((ModelRow) r));
      }
      return new Outcome.Applied(rows);
    }
    return outcome;
  }

  Outcome deleteAssignments(String ownerId, List<UUID> ids) {
    if (!ModelRules.validOwnerId(ownerId)) {
      return badOwner(ownerId);
    }
    OwnerModel o = owner(ownerId);
    return batch("ids", ids, (id, out) -> {
      o.deleteById(id, out);
      return List.of();
    });
  }

  Outcome deleteAssignmentsByKey(String ownerId, List<AssignmentKey> keys) {
    if (!ModelRules.validOwnerId(ownerId)) {
      return badOwner(ownerId);
    }
    OwnerModel o = owner(ownerId);
    // Every key is checked before anything is deleted, so a bad key deletes nothing.
    Outcome check = batch("keys", keys, (key, out) -> OwnerModel.keyViolations(key));
    if (check instanceof Outcome.Rejected) {
      return check;
    }
    return batch("keys", keys, (key, out) -> {
      o.deleteByKey(key, out);
      return List.of();
    });
  }
}
