package dev.governor.testing.model;

import dev.governor.ConflictException;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.Capability;
import dev.governor.catalog.CapabilityType;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityType;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.catalog.Patch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The reference model of the whole catalog (docs/semantics.md §1, §2, README "Semantics"): the engine-wide entity
 * types and capabilities plus one {@link OwnerModel} per owner, and the batch rules every catalog
 * write follows. Each write returns exactly what the engine must return, or throws {@link Rejection}
 * naming the item and the rules it breaks. A write may have changed the model when it throws, so
 * callers run it on a {@link #copy()} and keep the copy only when the engine accepted the request: a
 * rejected batch then changes nothing by construction, exactly as docs/semantics.md §2 requires of the engine.
 *
 * <p>New assignments get the id the engine chose when the caller passes the engine's answer, or a
 * model-made placeholder ({@link ModelRow#isPlaceholder}) to be replaced through
 * {@link OwnerModel#rebind} once the engine has answered. Copies are cheap (owners copy on write).
 * Not thread-safe: a model belongs to one test thread.
 */
public final class CatalogModel {
  private final int maxDepth;
  private TreeMap<String, EntityType> types;
  private TreeMap<String, Capability> capabilities;
  private final TreeMap<String, OwnerModel> owners;
  private long placeholders;
  /** Derived from the types and the capabilities; dropped by every write of them. */
  private Map<String, String> keyOwners;
  private List<String> capabilityIds;

  public CatalogModel(int maxDepth) {
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

  public CatalogModel copy() {
    TreeMap<String, OwnerModel> o = new TreeMap<>();
    owners.forEach((id, m) -> o.put(id, m.copy()));
    CatalogModel c = new CatalogModel(maxDepth, new TreeMap<>(types), new TreeMap<>(capabilities), o, placeholders);
    c.keyOwners = keyOwners;
    c.capabilityIds = capabilityIds;
    return c;
  }

  // ---------------------------------------------------------------- reads

  public int maxDepth() {
    return maxDepth;
  }

  public SortedMap<String, EntityType> types() {
    return Collections.unmodifiableSortedMap(types);
  }

  public SortedMap<String, Capability> capabilities() {
    return Collections.unmodifiableSortedMap(capabilities);
  }

  /** The capability ids in order, as a list to pick from. */
  public List<String> capabilityIds() {
    if (capabilityIds == null) {
      capabilityIds = List.copyOf(capabilities.keySet());
    }
    return capabilityIds;
  }

  /** The type owning each attribution key. */
  public Map<String, String> keyOwners() {
    if (keyOwners == null) {
      Map<String, String> m = new HashMap<>();
      types.values().forEach(t -> t.attributionKeys().forEach(k -> m.put(k, t.id())));
      keyOwners = m;
    }
    return keyOwners;
  }

  /** The type that owns attribution key {@code key}, or null. */
  public String keyOwner(String key) {
    return keyOwners().get(key);
  }

  public SortedMap<String, OwnerModel> owners() {
    return Collections.unmodifiableSortedMap(owners);
  }

  /** The owner's state, created empty on first use: for writes. */
  public OwnerModel owner(String ownerId) {
    return owners.computeIfAbsent(ownerId, OwnerModel::new);
  }

  /** The owner's state, or an empty one that is not kept: for reads, which must not create owners. */
  public OwnerModel ownerOrEmpty(String ownerId) {
    OwnerModel o = owners.get(ownerId);
    return o != null ? o : new OwnerModel(ownerId);
  }

  UUID newPlaceholder() {
    return new UUID(ModelRow.PLACEHOLDER_MSB, ++placeholders);
  }

  // ---------------------------------------------------------------- batches

  /** One item of a batch: the rules it breaks, or empty after applying it and adding its result to out. */
  interface ItemStep<T, R> {
    List<Violation> apply(T item, int index, List<R> out);
  }

  /** docs/semantics.md §2: a non-null list of 1..{@code max} non-null items; its shape is checked before any item is applied. */
  static void requireBatch(String field, List<?> items, int max) {
    if (items == null || items.isEmpty() || items.size() > max) {
      throw new Rejection(-1, List.of(Violation.invalid(field)), "a batch of " + (items == null ? null : items.size()));
    }
    for (int i = 0; i < items.size(); i++) {
      Rejection.unless(items.get(i) != null, i, Violation.invalid(field), "a null item");
    }
  }

  /** Applies items in order; the first item that breaks a rule rejects the batch. */
  static <T, R> List<R> batch(String field, List<T> items, ItemStep<T, R> step) {
    requireBatch(field, items, ReferenceRules.MAX_BATCH);
    List<R> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      List<Violation> v = step.apply(items.get(i), i, out);
      if (!v.isEmpty()) {
        throw new Rejection(i, v);
      }
    }
    return out;
  }

  /** A bad owner id fails the whole call (catalog, runtime or query) before anything else is looked at. */
  public static void requireOwner(String ownerId) {
    Rejection.unless(ReferenceRules.ownerId(ownerId), Violation.invalidId("ownerId", ownerId), "bad owner id");
  }

  // ---------------------------------------------------------------- engine-wide catalog

  public List<EntityType> upsertTypes(List<EntityTypeUpsert> items, Instant now) {
    return batch("types", items, (item, i, out) -> upsertType(item, now, out));
  }

  private List<Violation> upsertType(EntityTypeUpsert item, Instant now, List<EntityType> out) {
    String id = item.id();
    if (!ReferenceRules.id(id)) {
      return List.of(Violation.invalidId("id", id));
    }
    EntityType existing = types.get(id);
    List<Violation> v = new ArrayList<>();
    String name = existing == null ? null : existing.displayName();
    if (item.displayName().isSet()) {
      if (ReferenceRules.displayName(item.displayName().value())) {
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
      if (sent == null || sent.size() > ReferenceRules.MAX_ATTRIBUTION_KEYS) {
        v.add(Violation.invalid("attributionKeys"));
        keysOk = false;
      } else {
        for (int j = 0; j < sent.size() && keysOk; j++) {
          if (!ReferenceRules.id(sent.get(j))) {
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
    keyOwners = null;
    out.add(next);
    return List.of();
  }

  public List<Capability> upsertCapabilities(List<CapabilityUpsert> items, Instant now) {
    return batch("capabilities", items, (item, i, out) -> {
      if (!ReferenceRules.id(item.id())) {
        return List.of(Violation.invalidId("id", item.id()));
      }
      Patch<CapabilityType> type = item.type();
      if (type.isSet() && type.value() == null) {
        return List.of(Violation.invalid("type"));
      }
      // METER is the only type, so an existing capability never changes.
      Capability existing = capabilities.get(item.id());
      Capability next = existing != null ? existing : new Capability(item.id(), type.orElse(CapabilityType.METER), now, now);
      capabilities.put(next.id(), next);
      capabilityIds = null;
      out.add(next);
      return List.of();
    });
  }

  // ---------------------------------------------------------------- per owner

  public List<Entity> upsertEntities(String ownerId, List<EntityUpsert> items, Instant now) {
    requireOwner(ownerId);
    EntityRules rules = new EntityRules(this, owner(ownerId), now);
    return batch("entities", items, (item, i, out) -> rules.upsert(item, out));
  }

  public List<Entity> setArchived(String ownerId, List<String> ids, boolean archive, Instant now) {
    requireOwner(ownerId);
    EntityRules rules = new EntityRules(this, owner(ownerId), now);
    return batch("ids", ids, (id, i, out) -> rules.setArchived(id, archive, out));
  }

  /**
   * Applies an assignment batch. {@code accepted} is the engine's answer when it accepted the batch
   * (new assignments take their ids from it), or null (they get placeholders).
   */
  public List<Assignment> upsertAssignments(String ownerId, List<AssignmentUpsert> items, Instant now,
      List<Assignment> accepted) {
    requireOwner(ownerId);
    OwnerModel o = owner(ownerId);
    AssignmentRules rules = new AssignmentRules(new EntityRules(this, o, now));
    List<ModelRow> rows = batch("assignments", items, (item, i, out) -> rules.upsert(item, i, accepted, out));
    // Rows are snapshots per item, but each shows its entity's parent after the whole batch.
    List<Assignment> result = new ArrayList<>(rows.size());
    rows.forEach(r -> result.add(o.toAssignment(r)));
    return result;
  }

  /** Deletes by id; ids that name nothing are skipped. */
  public List<Assignment> deleteAssignments(String ownerId, List<UUID> ids) {
    requireOwner(ownerId);
    OwnerModel o = owner(ownerId);
    return batch("ids", ids, (id, i, out) -> {
      AssignmentRules.delete(o, o.rowById(id), out);
      return List.of();
    });
  }

  /** Deletes by natural key; every key is checked before anything is deleted, so a bad key deletes nothing. */
  public List<Assignment> deleteAssignmentsByKey(String ownerId, List<AssignmentKey> keys) {
    requireOwner(ownerId);
    OwnerModel o = owner(ownerId);
    batch("keys", keys, (key, i, out) -> AssignmentRules.keyViolations(key));
    return batch("keys", keys, (key, i, out) -> {
      AssignmentRules.delete(o, o.rowByKey(ModelKey.of(key)), out);
      return List.of();
    });
  }

  /**
   * Takes over what the engine holds for the engine-wide catalog and one owner, after the fuzz found
   * they diverged, so that one divergence is reported once rather than on every later call.
   */
  public void adopt(List<EntityType> engineTypes, List<Capability> engineCapabilities, String ownerId,
      List<Entity> entities, List<Assignment> assignments, Map<UUID, Long> usage, Instant now) {
    types = new TreeMap<>();
    engineTypes.forEach(t -> types.put(t.id(), t));
    capabilities = new TreeMap<>();
    engineCapabilities.forEach(c -> capabilities.put(c.id(), c));
    keyOwners = null;
    capabilityIds = null;
    owner(ownerId).adopt(entities, assignments, usage, now);
  }
}
