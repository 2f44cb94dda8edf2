package dev.governor.conformance.fuzz;

import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityType;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.catalog.Patch;
import dev.governor.testing.model.CatalogModel;
import dev.governor.testing.model.ModelRow;
import dev.governor.testing.model.OwnerModel;
import dev.governor.testing.model.ReferenceRules;
import dev.governor.testing.model.Rejection;
import dev.governor.testing.model.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Hostile calls of every catalog write and lookup: entity types, capabilities, entities (upsert,
 * archive, unarchive, deep chains and cycles) and assignments (upsert, delete by id and by key, get),
 * each run against the engine and the model by {@link Fuzzer}. Not thread-safe.
 */
final class CatalogOps {
  private final Fuzzer f;
  private final Hostile h;
  private final List<UUID> victimAssignments;

  CatalogOps(Fuzzer f, List<UUID> victimAssignments) {
    this.f = f;
    this.h = f.h;
    this.victimAssignments = victimAssignments;
  }

  /** An existing entity of the fuzzed owner mostly, else a pool id, a hostile id or a victim probe. */
  String entityId() {
    return h.hostile(0.02) ? h.oneOf(Pools.VICTIM_ENTITIES) : ownEntityId();
  }

  /**
   * Like {@link #entityId()} but never the victim's ids: an upsert with one would create an entity of
   * that name in the fuzzed owner (ids are per owner), which is legal but would blind the leak check.
   */
  String ownEntityId() {
    if (!f.own().entities().isEmpty() && h.chance(h.hostility == 0 ? 0.85 : 0.6)) {
      return h.oneOf(f.own().entityIdList());
    }
    return h.id(Pools.ENTITIES, 0.06);
  }

  /** Mostly the two base capabilities, which most budgets use, so that requests hit budgets. */
  String capabilityId() {
    if (h.chance(0.7)) {
      return h.oneOf(Hostile.BASE_CAPABILITIES);
    }
    return h.chance(0.7) ? h.oneOf(f.model.capabilityIds()) : h.id(Pools.CAPABILITIES, 0.5);
  }

  // ------------------------------------------------------------------ engine-wide

  void upsertTypes() {
    List<EntityTypeUpsert> items = h.list(h.batchSize(), () -> {
      EntityTypeUpsert u = EntityTypeUpsert.of(h.id(Pools.TYPES, 0.05));
      if (h.chance(0.6)) {
        u = u.displayName(h.displayName(0.15));
      }
      if (h.chance(0.4)) {
        u = h.hostile(0.05) ? u.attributionKeys((List<String>) null)
            : u.attributionKeys(h.ids(Pools.KEYS, h.between(0, 3), 0.05));
      }
      return h.hostile(0.02) ? new EntityTypeUpsert(u.id(), null, null) : u;
    });
    f.call("entityTypes.upsert", () -> "entityTypes.upsert " + items, () -> f.engine.entityTypes().upsert(items),
        (m, r) -> m.upsertTypes(items, f.now), Fuzzer.equal());
  }

  void getType() {
    String id = h.id(Pools.TYPES, 0.2);
    f.call("entityTypes.get", () -> "entityTypes.get " + id, () -> f.engine.entityTypes().get(id), (m, r) -> {
      Rejection.unless(ReferenceRules.id(id), Violation.invalidId("id", id), "bad type id");
      return Optional.ofNullable(m.types().get(id));
    }, Fuzzer.equal());
  }

  void upsertCapabilities() {
    List<CapabilityUpsert> items = h.list(h.batchSize(), () -> switch (h.rnd.nextInt(10)) {
      case 0 -> new CapabilityUpsert(h.id(Pools.CAPABILITIES, 0.3), Patch.set(null));
      case 1 -> new CapabilityUpsert(h.id(Pools.CAPABILITIES, 0.3), null);
      case 2, 3 -> CapabilityUpsert.of(h.id(Pools.CAPABILITIES, 0.1));
      default -> CapabilityUpsert.meter(h.id(Pools.CAPABILITIES, 0.1));
    });
    f.call("capabilities.upsert", () -> "capabilities.upsert " + items, () -> f.engine.capabilities().upsert(items),
        (m, r) -> m.upsertCapabilities(items, f.now), (expected, actual, m) -> {
          boolean ok = expected.equals(actual) && actual.stream().allMatch(c -> c.type() == CapabilityType.METER);
          return ok ? null : "expected " + expected + " actual " + actual;
        });
  }

  void getCapability() {
    String id = h.id(Pools.CAPABILITIES, 0.2);
    f.call("capabilities.get", () -> "capabilities.get " + id, () -> f.engine.capabilities().get(id), (m, r) -> {
      Rejection.unless(ReferenceRules.id(id), Violation.invalidId("id", id), "bad capability id");
      return Optional.ofNullable(m.capabilities().get(id));
    }, Fuzzer.equal());
  }

  /** A namespace asked for with an owner id that is not one. */
  void hostileOwner() {
    String owner = h.chance(0.2) ? null : h.weird();
    boolean entities = h.rnd.nextBoolean();
    f.call("namespace(ownerId)", () -> "namespace(" + owner + ")",
        () -> entities ? f.engine.entities(owner).ownerId() : f.engine.assignments(owner).ownerId(), (m, r) -> {
          CatalogModel.requireOwner(owner);
          return owner;
        }, Fuzzer.equal());
  }

  // ------------------------------------------------------------------ entities

  private EntityUpsert entityItem() {
    String id = ownEntityId();
    Entity existing = id == null ? null : f.own().entity(id);
    EntityUpsert u = EntityUpsert.of(id);
    if (existing == null || h.chance(0.3)) {
      u = u.type(existing != null && h.chance(0.8) ? existing.typeId()
          : h.hostility == 0 ? h.oneOf(new ArrayList<>(f.model.types().keySet())) : h.id(Pools.TYPES, 0.05));
    }
    if (h.chance(0.3)) {
      u = h.chance(0.1) ? u.clearDisplayName() : u.displayName(h.displayName(0.2));
    }
    if (h.chance(0.3)) {
      u = u.metadata(h.metadata(0.2));
    }
    if (h.chance(0.4)) {
      u = h.chance(0.15) ? u.detachParent() : u.parent(entityId());
    }
    if (h.hostile(0.01)) {
      u = new EntityUpsert(id, null, null, null, null);
    }
    return u;
  }

  void upsertEntities() {
    List<EntityUpsert> items = h.list(h.batchSize(), this::entityItem);
    upsertEntities(items);
  }

  private void upsertEntities(List<EntityUpsert> items) {
    f.call("entities.upsert", () -> "entities.upsert " + items, () -> f.engine.entities(f.owner).upsert(items),
        (m, r) -> m.upsertEntities(f.owner, items, f.now), Fuzzer.equal());
  }

  /** A chain of 3..10 pool entities in one batch (deeper than the maximum depth when long). */
  void chain() {
    int n = h.between(3, 10);
    List<String> ids = new ArrayList<>(Pools.ENTITIES);
    java.util.Collections.shuffle(ids, new java.util.Random(h.rnd.nextLong()));
    List<EntityUpsert> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Entity existing = f.own().entity(ids.get(i));
      EntityUpsert u = EntityUpsert.of(ids.get(i)).type(existing != null ? existing.typeId() : h.oneOf(Pools.TYPES));
      items.add(i == 0 ? u : u.parent(ids.get(i - 1)));
    }
    upsertEntities(items);
  }

  /** An entity made its own parent, or the root of a chain moved under one of its descendants. */
  void cycle() {
    if (f.own().entities().isEmpty()) {
      return;
    }
    Entity e = h.oneOf(new ArrayList<>(f.own().entities().values()));
    Entity root = e;
    while (root.parentId() != null) {
      root = f.own().entity(root.parentId());
    }
    EntityUpsert item = h.rnd.nextBoolean() || root == e ? EntityUpsert.of(e.id()).parent(e.id())
        : EntityUpsert.of(root.id()).parent(e.id());
    upsertEntities(Arrays.asList(item));
  }

  void archive(boolean archived) {
    List<String> ids = h.list(h.chance(0.9) ? h.between(1, 3) : h.batchSize(), this::entityId);
    String op = archived ? "entities.archive" : "entities.unarchive";
    f.call(op, () -> op + " " + ids,
        () -> archived ? f.engine.entities(f.owner).archive(ids) : f.engine.entities(f.owner).unarchive(ids),
        (m, r) -> m.setArchived(f.owner, ids, archived, f.now), Fuzzer.equal());
  }

  void getEntity() {
    String id = entityId();
    f.call("entities.get", () -> "entities.get " + id, () -> f.engine.entities(f.owner).get(id), (m, r) -> {
      Rejection.unless(ReferenceRules.id(id), Violation.invalidId("id", id), "bad entity id");
      return Optional.ofNullable(m.ownerOrEmpty(f.owner).entity(id));
    }, Fuzzer.equal());
  }

  // ------------------------------------------------------------------ assignments

  private AssignmentUpsert assignmentItem() {
    AssignmentUpsert u = AssignmentUpsert.of(entityId(), capabilityId());
    int scope = h.rnd.nextInt(100);
    if (scope >= 60 && scope < 95) {
      u = u.scope(h.ids(Pools.SCOPES, h.between(1, 2), 0.03));
    } else if (scope >= 95 && h.hostile(1)) {
      u = switch (scope) {
        case 95 -> u.scope((String[]) null);
        case 96 -> u.scope(h.ids(Pools.SCOPES, 101, 0));
        case 97 -> u.scope(h.ids(Pools.SCOPES, 100, 0));
        case 98 -> u.scope(Pools.VICTIM_ENTITIES.get(0));
        default -> u.scope(h.weird());
      };
    }
    // A clean item always sends limit and cadence, so that it can create a budget.
    int limit = h.hostility == 0 ? h.rnd.nextInt(7) : h.rnd.nextInt(10);
    if (limit < 6) {
      Long l = h.limit(0.15);
      u = l == null ? u.unlimited() : u.usageLimit(l);
    } else if (limit < 7) {
      u = u.unlimited();
    }
    if (h.hostility == 0 || h.chance(0.6)) {
      u = u.cadence(h.cadence(0.15));
    }
    if (h.chance(0.08)) {
      u = u.anchor(h.anchor());
    }
    if (h.chance(0.08)) {
      u = h.chance(0.2) ? u.detachParent() : u.parent(entityId());
    }
    if (h.hostile(0.01)) {
      u = new AssignmentUpsert(u.entityId(), u.capabilityId(), null, null, null, null, null, null, null, null);
    }
    return u;
  }

  void upsertAssignments() {
    List<AssignmentUpsert> items = h.list(h.batchSize(), this::assignmentItem);
    f.call("assignments.upsert", () -> "assignments.upsert " + items, () -> f.engine.assignments(f.owner).upsert(items),
        (m, r) -> m.upsertAssignments(f.owner, items, f.now, r), Fuzzer.equal());
  }

  /** The fuzzed owner's assignment ids in key order (not hash order: a seed must replay exactly). */
  private List<UUID> ownIds() {
    return f.own().rowList().stream().map(ModelRow::id).toList();
  }

  private static List<UUID> ids(List<Assignment> list) {
    return list.stream().map(Assignment::id).toList();
  }

  void deleteAssignments() {
    int n = h.chance(0.9) ? h.between(1, 4) : h.batchSize();
    List<UUID> ids = h.list(n, () -> Pools.uuid(h, ownIds(), victimAssignments));
    f.call("assignments.delete", () -> "assignments.delete " + ids, () -> f.engine.assignments(f.owner).delete(ids),
        (m, r) -> ids(m.deleteAssignments(f.owner, ids)), (expected, actual, m) -> {
          List<UUID> got = actual.stream().map(Assignment::id).toList();
          return expected.equals(got) ? null : "expected " + expected + " actual " + got;
        });
  }

  /** A key of an own assignment mostly, else of pool ids, hostile ids or the victim's. */
  private AssignmentKey key() {
    if (!f.own().rows().isEmpty() && h.chance(0.6)) {
      return h.oneOf(f.own().rowList()).key().toKey();
    }
    List<String> scope = h.chance(0.7) ? List.of() : h.ids(Pools.SCOPES, h.between(1, 2), 0.1);
    String entity = entityId();
    String cap = h.id(Pools.CAPABILITIES, 0.1);
    if (h.hostile(0.02)) {
      return f.build("AssignmentKey.of", () -> "AssignmentKey.of(" + entity + ", " + cap + ", (String[]) null)",
          () -> AssignmentKey.of(entity, cap, (String[]) null));
    }
    return f.build("AssignmentKey.of", () -> "AssignmentKey.of(" + entity + ", " + cap + ", " + scope + ")",
        () -> AssignmentKey.of(entity, cap, scope));
  }

  void deleteByKey() {
    int n = h.chance(0.9) ? h.between(1, 4) : h.batchSize();
    List<AssignmentKey> keys = h.list(n, this::key);
    f.call("assignments.deleteByKey", () -> "assignments.deleteByKey " + keys,
        () -> f.engine.assignments(f.owner).deleteByKey(keys), (m, r) -> ids(m.deleteAssignmentsByKey(f.owner, keys)),
        (expected, actual, m) -> {
          List<UUID> got = actual.stream().map(Assignment::id).toList();
          return expected.equals(got) ? null : "expected " + expected + " actual " + got;
        });
  }

  void getAssignment() {
    if (h.rnd.nextBoolean()) {
      UUID id = h.hostile(0.05) ? null : Pools.uuid(h, ownIds(), victimAssignments);
      f.call("assignments.get(id)", () -> "assignments.get " + id, () -> f.engine.assignments(f.owner).get(id),
          (m, r) -> {
            Rejection.unless(id != null, Violation.invalid("id"), "null id");
            OwnerModel own = m.ownerOrEmpty(f.owner);
            ModelRow row = own.rowById(id);
            return row == null ? Optional.<Assignment>empty() : Optional.of(own.toAssignment(row));
          }, Fuzzer.equal());
    } else {
      AssignmentKey key = key();
      f.call("assignments.get(key)", () -> "assignments.get " + key, () -> f.engine.assignments(f.owner).get(key),
          (m, r) -> {
            OwnerModel own = m.ownerOrEmpty(f.owner);
            ModelRow row = own.lookup(key);
            return row == null ? Optional.<Assignment>empty() : Optional.of(own.toAssignment(row));
          }, Fuzzer.equal());
    }
  }
}
