package dev.governor.conformance.fuzz;

import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.Cadence;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.catalog.Patch;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The fuzz's reference model of the engine-wide catalog and of one owner's catalog, usage and claimed
 * idempotency keys, with the catalog rules of SPEC §2 (as README "Semantics" decides them). Every
 * operation runs on a {@link #copy()}; the copy replaces the model only when the engine accepted the
 * request, so a rejected request must leave the engine exactly as the model still is. A copy shares
 * every collection with its original until it first writes one (copy on write), and derived indexes
 * are kept while the collection they derive from is unchanged, so a call costs little more than the
 * work it models. Not thread-safe (the fuzz is single-threaded).
 */
final class CatalogModel {
  record TypeM(String id, String displayName, List<String> keys) {}

  record EntityM(String id, String typeId, String displayName, SortedMap<String, String> metadata, String parentId,
      boolean archived, Instant createdAt) {}

  record AssignmentM(UUID id, String entityId, String capabilityId, SortedSet<String> scope, Long limit, Cadence cadence,
      Instant anchor, Instant createdAt) {
    AssignmentKey key() {
      return new AssignmentKey(entityId, capabilityId, scope);
    }

    boolean hasKey(AssignmentKey key) {
      return entityId.equals(key.entityId()) && capabilityId.equals(key.capabilityId())
          && scope.equals(key.scopeEntityIds());
    }
  }

  /** List order of assignments (entity id, capability id, scope), without building keys. */
  static final Comparator<AssignmentM> LIST_ORDER = Comparator.comparing(AssignmentM::entityId)
      .thenComparing(AssignmentM::capabilityId)
      .thenComparing(AssignmentM::scope, AssignmentKey::compareScopes);

  /** List order against a key. */
  static int compare(AssignmentM a, AssignmentKey key) {
    int c = a.entityId().compareTo(key.entityId());
    if (c == 0) {
      c = a.capabilityId().compareTo(key.capabilityId());
    }
    return c != 0 ? c : AssignmentKey.compareScopes(a.scope(), key.scopeEntityIds());
  }

  final int maxDepth;
  final Instant now;
  TreeMap<String, TypeM> types = new TreeMap<>();
  TreeSet<String> capabilities = new TreeSet<>();
  TreeMap<String, EntityM> entities = new TreeMap<>();
  HashMap<UUID, AssignmentM> assignments = new HashMap<>();
  HashMap<UUID, Long> usage = new HashMap<>();
  HashSet<String> claimedKeys = new HashSet<>();
  /** Grows with every change of the owner's entities or assignments (what cursors of queries carry). */
  long version;

  private static final int TYPES = 1;
  private static final int CAPABILITIES = 2;
  private static final int ENTITIES = 4;
  private static final int ASSIGNMENTS = 8;
  private static final int USAGE = 16;
  private static final int KEYS = 32;
  /** The collections still shared with the model this one was copied from (bits above). */
  private int shared;
  private Derived derived = new Derived(null, null, null, null, null);
  private Map<String, EntityM> entityIdsSource;
  private List<String> entityIdList;

  /** Indexes derived from one assignments map and one types map (compared by identity). */
  private record Derived(Map<UUID, AssignmentM> assignmentsSource, Map<String, List<AssignmentM>> byEntity,
      List<AssignmentM> sorted, Map<String, TypeM> typesSource, Map<String, String> keyOwners) {}

  CatalogModel(int maxDepth, Instant now) {
    this.maxDepth = maxDepth;
    this.now = now;
  }

  CatalogModel copy() {
    CatalogModel c = new CatalogModel(maxDepth, now);
    c.entityIdsSource = entityIdsSource;
    c.capabilitySource = capabilitySource;
    c.capabilityList = capabilityList;
    c.entityIdList = entityIdList;
    c.types = types;
    c.capabilities = capabilities;
    c.entities = entities;
    c.assignments = assignments;
    c.usage = usage;
    c.claimedKeys = claimedKeys;
    c.version = version;
    c.shared = TYPES | CAPABILITIES | ENTITIES | ASSIGNMENTS | USAGE | KEYS;
    c.derived = derived;
    return c;
  }

  private boolean owns(int bit) {
    boolean wasShared = (shared & bit) != 0;
    shared &= ~bit;
    return !wasShared;
  }

  /** Types for writing; the key-owner index derived from them is dropped (it may go stale). */
  TreeMap<String, TypeM> typesW() {
    derived = new Derived(derived.assignmentsSource(), derived.byEntity(), derived.sorted(), null, null);
    return owns(TYPES) ? types : (types = new TreeMap<>(types));
  }

  TreeSet<String> capabilitiesW() {
    capabilitySource = null;
    return owns(CAPABILITIES) ? capabilities : (capabilities = new TreeSet<>(capabilities));
  }

  private Set<String> capabilitySource;
  private List<String> capabilityList;

  /** The capability ids in order, as a list to pick from (cached while the set is unchanged). */
  List<String> capabilityList() {
    if (capabilitySource != capabilities) {
      capabilityList = List.copyOf(capabilities);
      capabilitySource = capabilities;
    }
    return capabilityList;
  }

  /** The entity ids in order, as a list to pick from (cached while the entities map is unchanged). */
  List<String> entityIdList() {
    if (entityIdsSource != entities) {
      entityIdList = List.copyOf(entities.keySet());
      entityIdsSource = entities;
    }
    return entityIdList;
  }

  TreeMap<String, EntityM> entitiesW() {
    entityIdsSource = null;
    return owns(ENTITIES) ? entities : (entities = new TreeMap<>(entities));
  }

  /** Assignments for writing; the indexes derived from them are dropped (they may go stale). */
  HashMap<UUID, AssignmentM> assignmentsW() {
    derived = new Derived(null, null, null, derived.typesSource(), derived.keyOwners());
    return owns(ASSIGNMENTS) ? assignments : (assignments = new HashMap<>(assignments));
  }

  HashMap<UUID, Long> usageW() {
    return owns(USAGE) ? usage : (usage = new HashMap<>(usage));
  }

  HashSet<String> claimedKeysW() {
    return owns(KEYS) ? claimedKeys : (claimedKeys = new HashSet<>(claimedKeys));
  }

  /** The assignment indexes, rebuilt when the assignments map is no longer the one they came from. */
  private Derived assignmentIndex() {
    if (derived.assignmentsSource() != assignments) {
      List<AssignmentM> sorted = new ArrayList<>(assignments.values());
      sorted.sort(LIST_ORDER);
      Map<String, List<AssignmentM>> byEntity = new HashMap<>();
      for (AssignmentM a : sorted) {
        byEntity.computeIfAbsent(a.entityId(), k -> new ArrayList<>()).add(a);
      }
      derived = new Derived(assignments, byEntity, List.copyOf(sorted), derived.typesSource(), derived.keyOwners());
    }
    return derived;
  }

  /** Counts a change of the owner's catalog if this copy differs from {@code before}. */
  void bumpVersionIfChanged(CatalogModel before) {
    if (!entities.equals(before.entities) || !assignments.equals(before.assignments)) {
      version = before.version + 1;
    }
  }

  /** Whether the owner's catalog was ever written (an owner without data keeps no state at all). */
  boolean holdsData() {
    return version > 0;
  }

  /** The type owning each attribution key. */
  Map<String, String> keyOwners() {
    if (derived.typesSource() != types) {
      Map<String, String> owners = new HashMap<>();
      for (TypeM t : types.values()) {
        for (String k : t.keys()) {
          owners.put(k, t.id());
        }
      }
      derived = new Derived(derived.assignmentsSource(), derived.byEntity(), derived.sorted(), types, owners);
    }
    return derived.keyOwners();
  }

  // ------------------------------------------------------------------ batches

  static void batch(List<?> items, int max) {
    Reject.unless(items != null, "the list is null");
    Reject.unless(!items.isEmpty() && items.size() <= max, "the batch holds " + items.size() + " items");
    for (Object item : items) {
      Reject.unless(item != null, "an item is null");
    }
  }

  // ------------------------------------------------------------------ engine-wide catalog

  List<TypeM> upsertTypes(List<EntityTypeUpsert> items) {
    batch(items, ReferenceRules.MAX_BATCH);
    List<TypeM> out = new ArrayList<>();
    for (EntityTypeUpsert item : items) {
      Reject.unless(ReferenceRules.id(item.id()), "bad type id");
      TypeM existing = types.get(item.id());
      String name;
      if (item.displayName().isSet()) {
        name = item.displayName().value();
        Reject.unless(ReferenceRules.displayName(name), "bad type display name");
      } else {
        Reject.unless(existing != null, "a new type needs a display name");
        name = existing.displayName();
      }
      List<String> keys = existing == null ? List.of() : existing.keys();
      if (item.attributionKeys().isSet()) {
        List<String> sent = item.attributionKeys().value();
        Reject.unless(sent != null && sent.size() <= ReferenceRules.MAX_BATCH, "attribution keys null or too many");
        TreeSet<String> sorted = new TreeSet<>();
        for (String k : sent) {
          Reject.unless(ReferenceRules.id(k), "bad attribution key");
          sorted.add(k);
        }
        keys = List.copyOf(sorted);
      }
      Map<String, String> owners = keyOwners();
      for (String k : keys) {
        String owner = owners.get(k);
        Reject.unless(owner == null || owner.equals(item.id()), "key " + k + " belongs to " + owner);
      }
      TypeM next = new TypeM(item.id(), name, keys);
      typesW().put(next.id(), next);
      out.add(next);
    }
    return out;
  }

  List<String> upsertCapabilities(List<CapabilityUpsert> items) {
    batch(items, ReferenceRules.MAX_BATCH);
    List<String> out = new ArrayList<>();
    for (CapabilityUpsert item : items) {
      Reject.unless(ReferenceRules.id(item.id()), "bad capability id");
      Reject.unless(item.type().isKeep() || item.type().value() != null, "null capability type");
      capabilitiesW().add(item.id());
      out.add(item.id());
    }
    return out;
  }

  // ------------------------------------------------------------------ entities

  int childCount(String id) {
    int n = 0;
    for (EntityM e : entities.values()) {
      if (id.equals(e.parentId())) {
        n++;
      }
    }
    return n;
  }

  /** SPEC §2 parent rules for entity {@code id} (which may not exist yet); returns the new parent. */
  String resolveParent(String id, String current, Patch<String> patch) {
    if (patch.isKeep() || Objects.equals(patch.value(), current)) {
      // Re-sending the current parent is no move (README), whatever else holds.
      return current;
    }
    String parent = patch.value();
    Reject.unless(parent == null || ReferenceRules.id(parent), "bad parent id");
    Reject.unless(childCount(id) == 0, "only leaves move");
    if (parent == null) {
      return null;
    }
    Reject.unless(!parent.equals(id), "an entity cannot be its own parent");
    EntityM p = entities.get(parent);
    Reject.unless(p != null, "unknown parent");
    Reject.unless(!p.archived(), "archived parent");
    int depth = 1;
    for (EntityM e = p; e.parentId() != null; e = entities.get(e.parentId())) {
      Reject.unless(!e.parentId().equals(id), "cycle");
      depth++;
    }
    Reject.unless(depth + 1 <= maxDepth, "deeper than maxDepth");
    return parent;
  }

  List<EntityM> upsertEntities(List<EntityUpsert> items) {
    batch(items, ReferenceRules.MAX_BATCH);
    List<EntityM> out = new ArrayList<>();
    for (EntityUpsert item : items) {
      String id = item.id();
      Reject.unless(ReferenceRules.id(id), "bad entity id");
      EntityM existing = entities.get(id);
      String typeId;
      if (item.typeId().isSet()) {
        typeId = item.typeId().value();
        Reject.unless(ReferenceRules.id(typeId), "bad type id");
        Reject.unless(existing == null || existing.typeId().equals(typeId), "type change");
        Reject.unless(existing != null || types.containsKey(typeId), "unknown type");
      } else {
        Reject.unless(existing != null, "a new entity needs a type");
        typeId = existing.typeId();
      }
      String name = existing == null ? null : existing.displayName();
      if (item.displayName().isSet()) {
        name = item.displayName().value();
        Reject.unless(name == null || ReferenceRules.displayName(name), "bad display name");
      }
      TreeMap<String, String> metadata = existing == null ? new TreeMap<>() : new TreeMap<>(existing.metadata());
      if (item.metadata().isSet()) {
        Map<String, String> patch = item.metadata().value();
        Reject.unless(patch != null, "null metadata patch");
        for (Map.Entry<String, String> e : patch.entrySet()) {
          Reject.unless(ReferenceRules.metadataKey(e.getKey()), "bad metadata key");
          Reject.unless(ReferenceRules.metadataValue(e.getValue()), "bad metadata value");
          if (e.getValue().isEmpty()) {
            metadata.remove(e.getKey());
          } else {
            metadata.put(e.getKey(), e.getValue());
          }
        }
        Reject.unless(metadata.size() <= ReferenceRules.MAX_METADATA_ENTRIES, "too many metadata keys");
      }
      String parent = resolveParent(id, existing == null ? null : existing.parentId(), item.parentId());
      EntityM next = new EntityM(id, typeId, name, Collections.unmodifiableSortedMap(metadata), parent,
          existing != null && existing.archived(), existing == null ? now : existing.createdAt());
      entitiesW().put(id, next);
      out.add(next);
    }
    return out;
  }

  List<EntityM> setArchived(List<String> ids, boolean archived) {
    batch(ids, ReferenceRules.MAX_BATCH);
    List<EntityM> out = new ArrayList<>();
    for (String id : ids) {
      Reject.unless(ReferenceRules.id(id), "bad entity id");
      EntityM e = entities.get(id);
      Reject.unless(e != null, "unknown entity");
      EntityM next = new EntityM(e.id(), e.typeId(), e.displayName(), e.metadata(), e.parentId(), archived, e.createdAt());
      entitiesW().put(id, next);
      out.add(next);
    }
    return out;
  }

  // ------------------------------------------------------------------ assignments

  AssignmentM find(AssignmentKey key) {
    // A plain scan: inside a batch the map changes item by item, and re-indexing would cost more.
    for (AssignmentM a : assignments.values()) {
      if (a.hasKey(key)) {
        return a;
      }
    }
    return null;
  }

  /**
   * Applies an assignment batch. {@code accepted} is the engine's answer when it accepted the batch
   * (new assignments take their generated ids from it), or null.
   */
  List<AssignmentM> upsertAssignments(List<AssignmentUpsert> items, List<Assignment> accepted) {
    batch(items, ReferenceRules.MAX_BATCH);
    List<AssignmentM> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      AssignmentUpsert item = items.get(i);
      Reject.unless(ReferenceRules.id(item.entityId()), "bad entity id");
      EntityM entity = entities.get(item.entityId());
      Reject.unless(entity != null, "unknown entity");
      Reject.unless(ReferenceRules.id(item.capabilityId()), "bad capability id");
      Reject.unless(capabilities.contains(item.capabilityId()), "unknown capability");
      Reject.unless(item.scopeEntityIds().size() <= ReferenceRules.MAX_SCOPE, "scope too large");
      TreeSet<String> scope = new TreeSet<>();
      for (String s : item.scopeEntityIds()) {
        Reject.unless(ReferenceRules.id(s), "bad scope id");
        Reject.unless(entities.containsKey(s), "unknown scope entity");
        scope.add(s);
      }
      AssignmentM existing = find(new AssignmentKey(item.entityId(), item.capabilityId(), scope));
      Long limit = existing == null ? null : existing.limit();
      if (item.usageLimit().isSet()) {
        limit = item.usageLimit().value();
        Reject.unless(limit == null || limit >= 0, "negative limit");
      } else {
        Reject.unless(existing != null, "a new budget needs a limit");
      }
      Cadence cadence = existing == null ? null : existing.cadence();
      if (item.cadence().isSet()) {
        cadence = ReferenceRules.cadence(item.cadence().value());
        Reject.unless(cadence != null, "bad cadence");
      } else {
        Reject.unless(existing != null, "a new budget needs a cadence");
      }
      Instant anchor = existing == null ? null : existing.anchor();
      if (item.anchor().isSet()) {
        anchor = item.anchor().value();
        Reject.unless(anchor == null || ReferenceRules.anchor(anchor), "anchor out of range");
        anchor = anchor == null ? null : anchor.truncatedTo(ChronoUnit.MILLIS);
      }
      String parent = resolveParent(entity.id(), entity.parentId(), item.parentId());
      entitiesW().put(entity.id(), new EntityM(entity.id(), entity.typeId(), entity.displayName(), entity.metadata(), parent,
          entity.archived(), entity.createdAt()));
      UUID id = existing != null ? existing.id() : accepted != null ? accepted.get(i).id() : UUID.randomUUID();
      Reject.unless(existing != null || !assignments.containsKey(id), "the engine reused assignment id " + id);
      AssignmentM next = new AssignmentM(id, entity.id(), item.capabilityId(), Collections.unmodifiableSortedSet(scope),
          limit, cadence, anchor, existing == null ? now : existing.createdAt());
      assignmentsW().put(id, next);
      // SPEC §2: limit and cadence changes keep the usage already counted in the current period.
      if (!usage.containsKey(id)) {
        usageW().put(id, 0L);
      }
      out.add(next);
    }
    return out;
  }

  List<AssignmentM> delete(List<UUID> ids) {
    batch(ids, ReferenceRules.MAX_BATCH);
    List<AssignmentM> out = new ArrayList<>();
    for (UUID id : ids) {
      AssignmentM a = assignments.get(id);
      if (a != null) {
        assignmentsW().remove(id);
        usageW().remove(id);
        out.add(a);
      }
    }
    return out;
  }

  static void validKey(AssignmentKey key) {
    Reject.unless(key != null, "null key");
    Reject.unless(ReferenceRules.id(key.entityId()), "bad key entity id");
    Reject.unless(ReferenceRules.id(key.capabilityId()), "bad key capability id");
    for (String s : key.scopeEntityIds()) {
      Reject.unless(ReferenceRules.id(s), "bad key scope id");
    }
  }

  List<AssignmentM> deleteByKey(List<AssignmentKey> keys) {
    batch(keys, ReferenceRules.MAX_BATCH);
    keys.forEach(CatalogModel::validKey);
    List<AssignmentM> out = new ArrayList<>();
    for (AssignmentKey key : keys) {
      AssignmentM a = find(key);
      if (a != null) {
        assignmentsW().remove(a.id());
        usageW().remove(a.id());
        out.add(a);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ public views of the model

  static boolean same(EntityM m, Entity e) {
    return m.id().equals(e.id()) && m.typeId().equals(e.typeId()) && Objects.equals(m.displayName(), e.displayName())
        && m.metadata().equals(e.metadata()) && Objects.equals(m.parentId(), e.parentId())
        && m.archived() == e.isArchived() && m.createdAt().equals(e.createdAt());
  }

  boolean same(AssignmentM m, Assignment a) {
    return m.id().equals(a.id()) && m.entityId().equals(a.entityId()) && m.capabilityId().equals(a.capabilityId())
        && m.scope().equals(a.scopeEntityIds()) && Objects.equals(m.limit(), a.usageLimit())
        && m.cadence().equals(a.cadence()) && Objects.equals(m.anchor(), a.anchor())
        && Objects.equals(entities.get(m.entityId()).parentId(), a.parentId()) && m.createdAt().equals(a.createdAt());
  }

  /** This entity's assignments in list order: capability id, then scope (node-wide first). */
  List<AssignmentM> assignmentsOf(String entityId, String capabilityId) {
    List<AssignmentM> out = new ArrayList<>();
    for (AssignmentM a : assignmentIndex().byEntity().getOrDefault(entityId, List.of())) {
      if (capabilityId == null || a.capabilityId().equals(capabilityId)) {
        out.add(a);
      }
    }
    return out;
  }

  /** Every assignment in list order: entity id, capability id, scope. */
  List<AssignmentM> sortedAssignments() {
    return assignmentIndex().sorted();
  }
}
