package dev.governor.conformance.catalog;

import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.catalog.Patch;
import dev.governor.testing.model.CatalogModel;
import dev.governor.testing.model.ModelKey;
import dev.governor.testing.model.OwnerModel;
import dev.governor.testing.model.ReferenceRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Draws random catalog operations from the current model state: mostly plausible items, with a
 * deliberately broken item placed inside some batches. The generator only aims; whether an item is
 * actually valid is decided by the model, so an "invalid" item that happens to be fine in context is
 * simply another valid case. Not thread-safe (one random source).
 */
final class CatalogGenerator {
  static final List<String> OWNERS = List.of("cus-acme", "cus@beta.example", "C3|tenant_x.1");
  static final List<String> BAD_OWNERS = Arrays.asList(null, "", "-acme", "cus acme", "cus/acme", "o".repeat(256));
  static final List<String> TYPE_IDS = List.of("org", "team", "user", "model", "region", "Agent.v2");
  static final List<String> KEY_POOL = List.of("orgId", "teamId", "userId", "modelId", "regionId", "agent|id", "k-9");
  static final List<String> CAPABILITY_IDS = List.of("ai-tokens", "api-calls", "seats", "gpu.hours", "Z_cap");
  /** Shared by all owners on purpose, and chosen to exercise id ordering: '-' < '.' < digits < upper < '_' < lower < '|'. */
  static final List<String> ENTITY_IDS = List.of(
      "acme", "e1", "e2", "e3", "e10", "e-1", "e.1", "e_1", "e|1", "E1", "0", "9z",
      "team-eng", "team-ops", "u1", "u2", "u3", "model-gpt4o", "region.eu", "L" + "x".repeat(254));
  /** The entities scopes are drawn from: few, so natural keys collide and updates happen. */
  static final List<String> SCOPE_POOL = List.of("acme", "e1", "model-gpt4o", "region.eu", "E1");
  static final List<String> BAD_IDS = Arrays.asList(
      null, "", "-lead", "_lead", ".dot", "|bar", "has space", "a/b", "tab\tx", "\u00fcn\u00ef", "a@b",
      "x".repeat(256), "semi;colon", "new\nline");
  static final List<String> GOOD_NAMES = List.of("Acme Corp", "Team Eng", "\u00fc\u540d\u524d", "x", "n".repeat(255), " padded ");
  static final List<String> BAD_NAMES = List.of(
      "", " ", "   ", "\t", "a\u0001b", "bell\u0007", "del\u007f", "n".repeat(256), "c1\u0085control");
  static final List<String> BAD_CADENCES = Arrays.asList(
      null, "", "P", "PT", "P0D", "PT0M", "PT30S", "P1M2D", "p1m", "1M", "P-1D", "P1.5D", "PT1D", "P1H", "P1X",
      " P1M", "P1M ", "PT1H30M");
  /** Cadences the spec accepts, in sorted order; the model parses them on its own. */
  static final List<String> CADENCES = List.copyOf(new java.util.TreeSet<>(List.of(
      "PT1M", "PT15M", "PT60M", "PT1H", "P1D", "P7D", "P1W", "P1M", "P3M", "P1Y")));
  static final List<String> METADATA_KEYS = List.of("tier", "region", "k0", "k1", "Key With Space", "\u043a\u043b\u044e\u0447");
  static final List<String> METADATA_VALUES = List.of("gold", "silver", "v1", "\u00fcn\u00ef", "with space", "x".repeat(300));

  private final SplittableRandom rnd;
  private int ghosts;

  CatalogGenerator(SplittableRandom rnd) {
    this.rnd = rnd;
  }

  // ---------------------------------------------------------------- helpers

  private boolean chance(int percent) {
    return rnd.nextInt(100) < percent;
  }

  private <T> T pick(List<T> list) {
    return list.get(rnd.nextInt(list.size()));
  }

  private <T> T pick(Collection<T> items) {
    return pick(new ArrayList<>(items));
  }

  /** An id no generated valid item ever uses, so an item naming it refers to nothing. */
  private String ghost() {
    return "ghost-" + (++ghosts);
  }

  private String anyBadId() {
    return pick(BAD_IDS);
  }

  private String nonNullBadId() {
    String id;
    do {
      id = pick(BAD_IDS);
    } while (id == null);
    return id;
  }

  /**
   * A batch of 1..6 items; in about a third of them one item is replaced by a broken one, placed
   * strictly inside the batch when it has at least three items.
   */
  private <T> List<T> batch(Supplier<T> valid, Supplier<T> invalid) {
    int size = 1 + rnd.nextInt(6);
    List<T> items = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      items.add(valid.get());
    }
    if (chance(35)) {
      int at = size >= 3 ? 1 + rnd.nextInt(size - 2) : rnd.nextInt(size);
      items.set(at, invalid.get());
    }
    return items;
  }

  // ---------------------------------------------------------------- dispatch

  CatalogOperation next(CatalogModel m) {
    if (m.types().size() < 3 && chance(40)) {
      return new CatalogOperation.UpsertTypes(batch(() -> validType(m), () -> invalidType(m)));
    }
    if (m.capabilities().size() < 2 && chance(30)) {
      return new CatalogOperation.UpsertCapabilities(batch(() -> validCapability(), () -> invalidCapability()));
    }
    String ownerId = pick(OWNERS);
    OwnerModel o = m.ownerOrEmpty(ownerId);
    int r = rnd.nextInt(100);
    if (r < 7) {
      return new CatalogOperation.UpsertTypes(batch(() -> validType(m), () -> invalidType(m)));
    } else if (r < 11) {
      return new CatalogOperation.UpsertCapabilities(batch(() -> validCapability(), () -> invalidCapability()));
    } else if (r < 40) {
      return new CatalogOperation.UpsertEntities(ownerId, batch(() -> validEntity(o, m), () -> invalidEntity(o, m)));
    } else if (r < 49) {
      return archive(ownerId, o);
    } else if (r < 77) {
      return new CatalogOperation.UpsertAssignments(ownerId,
          batch(() -> validAssignment(o, m), () -> invalidAssignment(o, m)));
    } else if (r < 84) {
      return deleteByIds(ownerId, o, m);
    } else if (r < 91) {
      return deleteByKeys(ownerId, o, m);
    } else if (r < 98) {
      return badShape(ownerId, o, m);
    }
    return badOwner(o, m);
  }

  // ---------------------------------------------------------------- entity types and capabilities

  private List<String> someKeys() {
    List<String> keys = new ArrayList<>();
    int n = rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      keys.add(pick(KEY_POOL));
    }
    if (!keys.isEmpty() && chance(20)) {
      keys.add(keys.get(0)); // duplicates and order must not matter
    }
    Collections.shuffle(keys, new java.util.Random(rnd.nextLong()));
    return keys;
  }

  EntityTypeUpsert validType(CatalogModel m) {
    String id = pick(TYPE_IDS);
    EntityTypeUpsert u = EntityTypeUpsert.of(id);
    if (!m.types().containsKey(id) || chance(40)) {
      u = u.displayName(pick(GOOD_NAMES));
    }
    if (chance(45)) {
      u = u.attributionKeys(someKeys());
    }
    return u;
  }

  EntityTypeUpsert invalidType(CatalogModel m) {
    switch (rnd.nextInt(6)) {
      case 0:
        return EntityTypeUpsert.of(anyBadId()).displayName("Bad");
      case 1:
        return EntityTypeUpsert.of("ghost-type-" + rnd.nextInt(1000)).attributionKeys(someKeys());
      case 2:
        return EntityTypeUpsert.of(pick(TYPE_IDS)).displayName(pick(BAD_NAMES));
      case 3: {
        List<String> keys = new ArrayList<>(someKeys());
        keys.add(rnd.nextInt(keys.size() + 1), anyBadId());
        return EntityTypeUpsert.of(pick(TYPE_IDS)).displayName("Keys").attributionKeys(keys);
      }
      case 4:
        return EntityTypeUpsert.of(pick(TYPE_IDS)).displayName("Null keys").attributionKeys((Collection<String>) null);
      default: {
        // Take a key another type owns.
        List<String> owned = new ArrayList<>();
        m.types().values().forEach(t -> owned.addAll(t.attributionKeys()));
        String key = owned.isEmpty() ? pick(KEY_POOL) : pick(owned);
        String owner = m.keyOwner(key);
        String id = pick(TYPE_IDS);
        if (id.equals(owner)) {
          id = "thief-" + rnd.nextInt(100);
        }
        return EntityTypeUpsert.of(id).displayName("Thief").attributionKeys(key);
      }
    }
  }

  CapabilityUpsert validCapability() {
    String id = pick(CAPABILITY_IDS);
    return chance(50) ? CapabilityUpsert.meter(id) : CapabilityUpsert.of(id);
  }

  CapabilityUpsert invalidCapability() {
    return chance(70) ? CapabilityUpsert.meter(anyBadId()) : new CapabilityUpsert(pick(CAPABILITY_IDS), Patch.set(null));
  }

  // ---------------------------------------------------------------- entities

  private String anyType(CatalogModel m) {
    return m.types().isEmpty() ? pick(TYPE_IDS) : pick(m.types().keySet());
  }

  private String existingOr(OwnerModel o, List<String> fallback) {
    return o.entities().isEmpty() ? pick(fallback) : pick(o.entities().keySet());
  }

  private Map<String, String> metadataPatch() {
    Map<String, String> patch = new LinkedHashMap<>();
    int n = 1 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      patch.put(pick(METADATA_KEYS), chance(25) ? "" : pick(METADATA_VALUES));
    }
    return patch;
  }

  EntityUpsert validEntity(OwnerModel o, CatalogModel m) {
    String id = pick(ENTITY_IDS);
    Entity existing = o.entities().get(id);
    EntityUpsert u = EntityUpsert.of(id);
    if (existing == null || chance(20)) {
      u = u.type(existing == null ? anyType(m) : existing.typeId());
    }
    if (chance(30)) {
      u = chance(20) ? u.clearDisplayName() : u.displayName(pick(GOOD_NAMES));
    }
    if (chance(30)) {
      u = u.metadata(metadataPatch());
    }
    int p = rnd.nextInt(100);
    if (p < 8) {
      u = u.detachParent();
    } else if (p < 40) {
      u = u.parent(existingOr(o, ENTITY_IDS));
    } else if (p < 48 && existing != null) {
      u = u.parent(existing.parentId()); // re-sending the current parent is never a change
    }
    return u;
  }

  /** An upsert of an entity whose every field is fine, as the base of a single-fault item. */
  private EntityUpsert baseEntity(String id, OwnerModel o, CatalogModel m) {
    return o.entities().containsKey(id) ? EntityUpsert.of(id) : EntityUpsert.of(id).type(anyType(m));
  }

  EntityUpsert invalidEntity(OwnerModel o, CatalogModel m) {
    int kind = rnd.nextInt(12);
    switch (kind) {
      case 0:
        return EntityUpsert.of(anyBadId()).type(anyType(m));
      case 1:
        return EntityUpsert.of(ghost()).displayName("No type");
      case 2:
        return EntityUpsert.of(ghost()).type(chance(50) ? "no-such-type" : pick(TYPE_IDS));
      case 3: {
        if (o.entities().isEmpty()) {
          return EntityUpsert.of(ghost()).type("no-such-type");
        }
        Entity e = pick(o.entities().values());
        String other = pick(TYPE_IDS);
        return EntityUpsert.of(e.id()).type(other.equals(e.typeId()) ? "no-such-type" : other);
      }
      case 4:
        return baseEntity(pick(ENTITY_IDS), o, m).type(anyBadId());
      case 5:
        return baseEntity(pick(ENTITY_IDS), o, m).displayName(pick(BAD_NAMES));
      case 6:
        return baseEntity(pick(ENTITY_IDS), o, m).metadata((Map<String, String>) null);
      case 7: {
        Map<String, String> patch = new LinkedHashMap<>(metadataPatch());
        patch.put(chance(50) ? "" : pick(METADATA_KEYS), chance(50) ? null : "v");
        return baseEntity(pick(ENTITY_IDS), o, m).metadata(patch);
      }
      case 8: {
        Map<String, String> patch = new LinkedHashMap<>();
        for (int i = 0; i <= ReferenceRules.MAX_METADATA_ENTRIES; i++) {
          patch.put("m" + i, "v");
        }
        return baseEntity(pick(ENTITY_IDS), o, m).metadata(patch);
      }
      default: {
        ParentFault f = parentFault(o, m);
        EntityUpsert base = baseEntity(f.entityId(), o, m);
        return f.detach() ? base.detachParent() : base.parent(f.parentId());
      }
    }
  }

  /** An entity and a parent for it that break one hierarchy rule in the current state. */
  record ParentFault(String entityId, String parentId, boolean detach) {}

  private ParentFault parentFault(OwnerModel o, CatalogModel m) {
    List<String> withChildren = new ArrayList<>();
    List<String> leaves = new ArrayList<>();
    List<String> archived = new ArrayList<>();
    List<String> deepest = new ArrayList<>();
    for (Entity e : o.entities().values()) {
      (o.hasChildren(e.id()) ? withChildren : leaves).add(e.id());
      if (e.isArchived()) {
        archived.add(e.id());
      }
      if (o.depth(e.id()) >= m.maxDepth()) {
        deepest.add(e.id());
      }
    }
    String leafOrNew = leaves.isEmpty() || chance(25) ? pick(ENTITY_IDS) : pick(leaves);
    switch (rnd.nextInt(7)) {
      case 0:
        if (!withChildren.isEmpty()) {
          // Only leaves move: any change of a parent's parent, including detaching it.
          String e = pick(withChildren);
          return chance(30) ? new ParentFault(e, null, true) : new ParentFault(e, existingOr(o, ENTITY_IDS), false);
        }
        break;
      case 1:
        if (!withChildren.isEmpty()) {
          String e = pick(withChildren);
          List<String> below = new ArrayList<>();
          for (String id : o.entities().keySet()) {
            if (!id.equals(e) && o.isAncestorOrSelf(e, id)) {
              below.add(id);
            }
          }
          return new ParentFault(e, pick(below), false);
        }
        break;
      case 2:
        if (!archived.isEmpty()) {
          return new ParentFault(leafOrNew, pick(archived), false);
        }
        break;
      case 3:
        if (!deepest.isEmpty()) {
          return new ParentFault(leafOrNew, pick(deepest), false);
        }
        break;
      case 4: {
        String e = existingOr(o, ENTITY_IDS);
        return new ParentFault(e, e, false);
      }
      case 5:
        return new ParentFault(leafOrNew, nonNullBadId(), false);
      default:
        break;
    }
    // Unknown parent: an id only another owner has, or one nobody has.
    for (OwnerModel other : m.owners().values()) {
      for (String id : other.entities().keySet()) {
        if (!o.entities().containsKey(id) && chance(50)) {
          return new ParentFault(leafOrNew, id, false);
        }
      }
    }
    return new ParentFault(leafOrNew, ghost(), false);
  }

  // ---------------------------------------------------------------- archive

  private CatalogOperation archive(String ownerId, OwnerModel o) {
    boolean archive = chance(50);
    List<String> ids = batch(() -> existingOr(o, ENTITY_IDS), () -> chance(50) ? ghost() : anyBadId());
    return new CatalogOperation.SetArchived(ownerId, ids, archive);
  }

  // ---------------------------------------------------------------- assignments

  private List<String> scope(OwnerModel o) {
    List<String> scope = new ArrayList<>();
    if (chance(60)) {
      return scope;
    }
    List<String> pool = new ArrayList<>();
    for (String id : SCOPE_POOL) {
      if (o.entities().containsKey(id)) {
        pool.add(id);
      }
    }
    if (pool.isEmpty()) {
      return scope;
    }
    int n = 1 + rnd.nextInt(Math.min(3, pool.size()));
    for (int i = 0; i < n; i++) {
      scope.add(pick(pool));
    }
    if (chance(20)) {
      scope.add(scope.get(0));
    }
    return scope;
  }

  private AssignmentUpsert withLimit(AssignmentUpsert u) {
    int r = rnd.nextInt(100);
    if (r < 15) {
      return u.unlimited();
    }
    return u.usageLimit(r < 25 ? 0 : r < 28 ? Long.MAX_VALUE : rnd.nextLong(1_000_000_000_000L));
  }

  private Instant randomAnchor() {
    // 2000..2030, with sub-millisecond parts now and then (the anchor keeps milliseconds only).
    long seconds = 946_684_800L + rnd.nextLong(946_080_000L);
    return Instant.ofEpochSecond(seconds, chance(30) ? rnd.nextInt(1_000_000_000) : rnd.nextInt(1000) * 1_000_000L);
  }

  AssignmentUpsert validAssignment(OwnerModel o, CatalogModel m) {
    String entityId = existingOr(o, ENTITY_IDS);
    String capabilityId = m.capabilities().isEmpty() ? pick(CAPABILITY_IDS) : pick(m.capabilities().keySet());
    List<String> scope = scope(o);
    AssignmentUpsert u = AssignmentUpsert.of(entityId, capabilityId).scope(scope);
    boolean exists = o.rows().containsKey(new ModelKey(entityId, capabilityId, scope));
    if (!exists || chance(50)) {
      u = withLimit(u);
    }
    if (!exists || chance(40)) {
      u = u.cadence(pick(CADENCES));
    }
    int a = rnd.nextInt(100);
    if (a < 10) {
      u = u.anchor(randomAnchor());
    } else if (a < 15) {
      u = u.clearAnchor();
    }
    int p = rnd.nextInt(100);
    if (p < 6) {
      u = u.detachParent();
    } else if (p < 18) {
      u = u.parent(existingOr(o, ENTITY_IDS));
    } else if (p < 22) {
      u = u.parent(o.parentOf(entityId));
    }
    return u;
  }

  private AssignmentUpsert complete(AssignmentUpsert u) {
    return withLimit(u).cadence(pick(CADENCES));
  }

  AssignmentUpsert invalidAssignment(OwnerModel o, CatalogModel m) {
    String capabilityId = m.capabilities().isEmpty() ? pick(CAPABILITY_IDS) : pick(m.capabilities().keySet());
    String entityId = existingOr(o, ENTITY_IDS);
    switch (rnd.nextInt(14)) {
      case 0:
        return complete(AssignmentUpsert.of(anyBadId(), capabilityId));
      case 1:
        return complete(AssignmentUpsert.of(chance(50) ? ghost() : pick(ENTITY_IDS), capabilityId));
      case 2:
        return complete(AssignmentUpsert.of(entityId, anyBadId()));
      case 3:
        return complete(AssignmentUpsert.of(entityId, chance(50) ? "no-such-capability" : pick(CAPABILITY_IDS)));
      case 4: {
        List<String> scope = new ArrayList<>(scope(o));
        scope.add(rnd.nextInt(scope.size() + 1), chance(50) ? ghost() : pick(ENTITY_IDS));
        return complete(AssignmentUpsert.of(entityId, capabilityId).scope(scope));
      }
      case 5: {
        List<String> scope = new ArrayList<>(scope(o));
        scope.add(rnd.nextInt(scope.size() + 1), anyBadId());
        return complete(AssignmentUpsert.of(entityId, capabilityId).scope(scope));
      }
      case 6:
        // Create without a limit: a fresh key needs both limit and cadence.
        return AssignmentUpsert.of(entityId, capabilityId).scope(scope(o)).cadence(pick(CADENCES));
      case 7:
        return withLimit(AssignmentUpsert.of(entityId, capabilityId).scope(scope(o)));
      case 8:
        return AssignmentUpsert.of(entityId, capabilityId).usageLimit(chance(20) ? Long.MIN_VALUE : -1 - rnd.nextInt(1000))
            .cadence(pick(CADENCES));
      case 9:
        return withLimit(AssignmentUpsert.of(entityId, capabilityId)).cadence(pick(BAD_CADENCES));
      default: {
        ParentFault f = parentFault(o, m);
        AssignmentUpsert base = complete(AssignmentUpsert.of(f.entityId(), capabilityId));
        return f.detach() ? base.detachParent() : base.parent(f.parentId());
      }
    }
  }

  // ---------------------------------------------------------------- deletes

  private UUID someAssignmentId(OwnerModel o, CatalogModel m) {
    int r = rnd.nextInt(100);
    if (r < 65 && !o.rows().isEmpty()) {
      return pick(o.rows().values()).id();
    }
    if (r < 85) {
      // Another owner's assignment: deleting it through this owner must do nothing.
      for (OwnerModel other : m.owners().values()) {
        if (other != o && !other.rows().isEmpty() && chance(50)) {
          return pick(other.rows().values()).id();
        }
      }
    }
    return new UUID(rnd.nextLong(), rnd.nextLong());
  }

  private CatalogOperation deleteByIds(String ownerId, OwnerModel o, CatalogModel m) {
    List<UUID> ids = new ArrayList<>();
    int n = 1 + rnd.nextInt(5);
    for (int i = 0; i < n; i++) {
      ids.add(!ids.isEmpty() && chance(10) ? ids.get(0) : someAssignmentId(o, m));
    }
    return new CatalogOperation.DeleteAssignments(ownerId, ids);
  }

  private AssignmentKey someKey(OwnerModel o, CatalogModel m) {
    int r = rnd.nextInt(100);
    if (r < 60 && !o.rows().isEmpty()) {
      return pick(o.rows().keySet()).toKey();
    }
    if (r < 80) {
      for (OwnerModel other : m.owners().values()) {
        if (other != o && !other.rows().isEmpty() && chance(50)) {
          return pick(other.rows().keySet()).toKey();
        }
      }
    }
    return AssignmentKey.of(pick(ENTITY_IDS), pick(CAPABILITY_IDS), scope(o));
  }

  private AssignmentKey badKey(OwnerModel o, CatalogModel m) {
    AssignmentKey k = someKey(o, m);
    switch (rnd.nextInt(3)) {
      case 0:
        return new AssignmentKey(anyBadId(), k.capabilityId(), k.scopeEntityIds());
      case 1:
        return new AssignmentKey(k.entityId(), anyBadId(), k.scopeEntityIds());
      default: {
        List<String> scope = new ArrayList<>(k.scopeEntityIds());
        scope.add(nonNullBadId());
        return AssignmentKey.of(k.entityId(), k.capabilityId(), scope);
      }
    }
  }

  private CatalogOperation deleteByKeys(String ownerId, OwnerModel o, CatalogModel m) {
    return new CatalogOperation.DeleteAssignmentsByKey(ownerId, batch(() -> someKey(o, m), () -> badKey(o, m)));
  }

  // ---------------------------------------------------------------- whole-request faults

  /** An empty batch, one over the limit, or one with a null item. */
  private <T> List<T> misshapen(Supplier<T> valid) {
    int r = rnd.nextInt(3);
    if (r == 0) {
      return new ArrayList<>();
    }
    List<T> items = new ArrayList<>();
    int n = r == 1 ? ReferenceRules.MAX_BATCH + 1 : 1 + rnd.nextInt(5);
    for (int i = 0; i < n; i++) {
      items.add(valid.get());
    }
    if (r == 2) {
      items.set(rnd.nextInt(n), null);
    }
    return items;
  }

  private CatalogOperation badShape(String ownerId, OwnerModel o, CatalogModel m) {
    switch (rnd.nextInt(7)) {
      case 0:
        return new CatalogOperation.UpsertTypes(misshapen(() -> validType(m)));
      case 1:
        return new CatalogOperation.UpsertCapabilities(misshapen(() -> validCapability()));
      case 2:
        return new CatalogOperation.UpsertEntities(ownerId, misshapen(() -> validEntity(o, m)));
      case 3:
        return new CatalogOperation.SetArchived(ownerId, misshapen(() -> existingOr(o, ENTITY_IDS)), chance(50));
      case 4:
        return new CatalogOperation.UpsertAssignments(ownerId, misshapen(() -> validAssignment(o, m)));
      case 5:
        return new CatalogOperation.DeleteAssignments(ownerId, misshapen(() -> someAssignmentId(o, m)));
      default:
        return new CatalogOperation.DeleteAssignmentsByKey(ownerId, misshapen(() -> someKey(o, m)));
    }
  }

  private CatalogOperation badOwner(OwnerModel o, CatalogModel m) {
    String bad = pick(BAD_OWNERS);
    switch (rnd.nextInt(5)) {
      case 0:
        return new CatalogOperation.UpsertEntities(bad, List.of(validEntity(o, m)));
      case 1:
        return new CatalogOperation.SetArchived(bad, List.of(existingOr(o, ENTITY_IDS)), chance(50));
      case 2:
        return new CatalogOperation.UpsertAssignments(bad, List.of(validAssignment(o, m)));
      case 3:
        return new CatalogOperation.DeleteAssignments(bad, List.of(someAssignmentId(o, m)));
      default:
        return new CatalogOperation.DeleteAssignmentsByKey(bad, List.of(someKey(o, m)));
    }
  }
}
