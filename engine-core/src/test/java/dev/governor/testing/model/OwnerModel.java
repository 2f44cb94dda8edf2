package dev.governor.testing.model;

import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Entity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The reference state of one owner: its entities, its assignments (in list order, with an index by
 * id), the usage counter of every budget that was ever written, the idempotency keys it claimed, and
 * a version that moves with every write of an entity or an assignment (what list and query cursors
 * are tied to). The rules that change it live in {@link EntityRules}, {@link AssignmentRules} and
 * {@link RuntimeModel}; this class only keeps state and answers reads.
 *
 * <p>A {@link #copy()} shares every collection with its original until either side first writes it
 * (copy on write), so the fuzz, which copies the model for every call, pays for a call little more
 * than the work it models. Not thread-safe: a model belongs to one test thread.
 */
public final class OwnerModel {
  private static final int ENTITIES = 1;
  private static final int ROWS = 2;
  private static final int COUNTERS = 4;
  private static final int KEYS = 8;
  private static final int ALL = ENTITIES | ROWS | COUNTERS | KEYS;

  private final String ownerId;
  private TreeMap<String, Entity> entities;
  private TreeMap<ModelKey, ModelRow> rows;
  private HashMap<UUID, ModelRow> rowsById;
  private HashMap<UUID, UsageCounter> counters;
  /** Idempotency key to the instant it was claimed. */
  private HashMap<String, Claim> claimedKeys;
  private long version;
  /** The collections still shared with another copy (bits above): the next write copies them first. */
  private int shared;
  /** Lists to pick from, dropped by every write of what they list. */
  private List<String> entityIdList;
  private List<ModelRow> rowList;

  public OwnerModel(String ownerId) {
    this.ownerId = ownerId;
    this.entities = new TreeMap<>();
    this.rows = new TreeMap<>(ModelKey.ORDER);
    this.rowsById = new HashMap<>();
    this.counters = new HashMap<>();
    this.claimedKeys = new HashMap<>();
  }

  private OwnerModel(OwnerModel o) {
    this.ownerId = o.ownerId;
    this.entities = o.entities;
    this.rows = o.rows;
    this.rowsById = o.rowsById;
    this.counters = o.counters;
    this.claimedKeys = o.claimedKeys;
    this.version = o.version;
    this.entityIdList = o.entityIdList;
    this.rowList = o.rowList;
    this.shared = ALL;
  }

  /** A copy that shares everything until one side writes (both sides copy what they write first). */
  public OwnerModel copy() {
    shared = ALL;
    return new OwnerModel(this);
  }

  /** Takes ownership of a collection before writing it: false when it was shared and must be copied. */
  private boolean owns(int bit) {
    boolean wasShared = (shared & bit) != 0;
    shared &= ~bit;
    return !wasShared;
  }

  // ---------------------------------------------------------------- reads

  public String ownerId() {
    return ownerId;
  }

  /** Grows with every write of an entity or an assignment. */
  public long version() {
    return version;
  }

  /** Whether the owner's catalog was ever written: an owner without data keeps no state at all. */
  public boolean holdsData() {
    return version > 0;
  }

  public SortedMap<String, Entity> entities() {
    return Collections.unmodifiableSortedMap(entities);
  }

  public Entity entity(String id) {
    return entities.get(id);
  }

  /** The entity ids in order, as a list to pick from. */
  public List<String> entityIdList() {
    if (entityIdList == null) {
      entityIdList = List.copyOf(entities.keySet());
    }
    return entityIdList;
  }

  public List<Entity> ofType(String typeId) {
    List<Entity> out = new ArrayList<>();
    for (Entity e : entities.values()) {
      if (e.typeId().equals(typeId)) {
        out.add(e);
      }
    }
    return out;
  }

  public String parentOf(String entityId) {
    Entity e = entities.get(entityId);
    return e == null ? null : e.parentId();
  }

  public boolean hasChildren(String entityId) {
    for (Entity e : entities.values()) {
      if (entityId.equals(e.parentId())) {
        return true;
      }
    }
    return false;
  }

  /** Depth of an existing entity: a root alone is depth 1. */
  public int depth(String entityId) {
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
  public boolean isAncestorOrSelf(String ancestor, String id) {
    for (String p = id; p != null; p = parentOf(p)) {
      if (p.equals(ancestor)) {
        return true;
      }
    }
    return false;
  }

  /** Every assignment row by natural key, in list order. */
  public SortedMap<ModelKey, ModelRow> rows() {
    return Collections.unmodifiableSortedMap(rows);
  }

  /** Every assignment row in list order, as a list to pick from. */
  public List<ModelRow> rowList() {
    if (rowList == null) {
      rowList = List.copyOf(rows.values());
    }
    return rowList;
  }

  public ModelRow rowById(UUID id) {
    return rowsById.get(id);
  }

  public ModelRow rowByKey(ModelKey key) {
    return rows.get(key);
  }

  /** The row a lookup by key finds, after the key's ids are checked as the engine checks them. */
  public ModelRow lookup(AssignmentKey key) {
    List<Violation> v = key == null ? List.of(Violation.invalid("key")) : AssignmentRules.keyViolations(key);
    if (!v.isEmpty()) {
      throw new Rejection(-1, v);
    }
    return rows.get(ModelKey.of(key));
  }

  /** The rows of one entity and capability, node-wide first, then by scope (a read-only view). */
  public Collection<ModelRow> rowsOf(String entityId, String capabilityId) {
    // No capability id lies between c and c + "\0", so the range holds exactly capability c.
    return Collections.unmodifiableCollection(rows.subMap(new ModelKey(entityId, capabilityId, List.of()), true,
        new ModelKey(entityId, capabilityId + "\0", List.of()), false).values());
  }

  public List<ModelRow> rowsOf(String entityId) {
    List<ModelRow> out = new ArrayList<>();
    for (ModelRow r : rows.values()) {
      if (r.entityId().equals(entityId)) {
        out.add(r);
      }
    }
    return out;
  }

  public Assignment toAssignment(ModelRow row) {
    return row.toAssignment(parentOf(row.entityId()));
  }

  /** Every assignment in the documented list order, each showing its entity's current parent. */
  public List<Assignment> assignments() {
    List<Assignment> out = new ArrayList<>(rows.size());
    for (ModelRow r : rows.values()) {
      out.add(toAssignment(r));
    }
    return out;
  }

  /** The usage of {@code row} in its period containing {@code now}. */
  public long usageAt(ModelRow row, Instant now) {
    UsageCounter c = counters.get(row.id());
    return c == null ? 0L : c.usageIn(row.periodAt(now).start());
  }

  /** Every budget's usage in its period containing {@code now}, by assignment id. */
  public Map<UUID, Long> usageAt(Instant now) {
    Map<UUID, Long> out = new HashMap<>();
    rows.values().forEach(r -> out.put(r.id(), usageAt(r, now)));
    return out;
  }

  UsageCounter counter(UUID assignmentId) {
    return counters.get(assignmentId);
  }

  /**
   * The request that claimed {@code key} less than {@code retention} before {@code now}, or null
   * when the key is free.
   */
  KeyedRequest claimant(String key, Instant now, Duration retention) {
    Claim c = claimedKeys.get(key);
    return c != null && now.isBefore(c.at().plus(retention)) ? c.request() : null;
  }

  /**
   * What a request with an idempotency key is: its subject (ids in order, dimensions as a map),
   * capability and amount. A key claimed by an equal request makes a retry a duplicate; by another,
   * a conflict. The timestamp is not part of it.
   */
  public record KeyedRequest(dev.governor.runtime.Subject subject, String capabilityId, long amount) {}

  /** A claimed key: when, and by which request. */
  private record Claim(Instant at, KeyedRequest request) {}

  // ---------------------------------------------------------------- writes (each write of the catalog moves the version)

  /** Stores {@code e} unless it is already stored exactly so (a re-send writes nothing). */
  void putEntity(Entity e) {
    if (e.equals(entities.get(e.id()))) {
      return;
    }
    if (!owns(ENTITIES)) {
      entities = new TreeMap<>(entities);
    }
    entities.put(e.id(), e);
    entityIdList = null;
    version++;
  }

  private void writableRows() {
    if (!owns(ROWS)) {
      TreeMap<ModelKey, ModelRow> r = new TreeMap<>(ModelKey.ORDER);
      r.putAll(rows);
      rows = r;
      rowsById = new HashMap<>(rowsById);
    }
    rowList = null;
  }

  private HashMap<UUID, UsageCounter> writableCounters() {
    return owns(COUNTERS) ? counters : (counters = new HashMap<>(counters));
  }

  /** Stores {@code row} (replacing the row of its key) unless it is already stored exactly so. */
  void putRow(ModelRow row) {
    ModelRow old = rows.get(row.key());
    if (row.equals(old)) {
      return;
    }
    writableRows();
    rows.put(row.key(), row);
    if (old != null) {
      rowsById.remove(old.id());
    }
    rowsById.put(row.id(), row);
    version++;
  }

  /** Removes the row and its usage: re-creating the key starts from 0. */
  void removeRow(ModelRow row) {
    writableRows();
    rows.remove(row.key());
    rowsById.remove(row.id());
    if (counters.containsKey(row.id())) {
      writableCounters().remove(row.id());
    }
    version++;
  }

  void putCounter(UUID assignmentId, UsageCounter counter) {
    writableCounters().put(assignmentId, counter);
  }

  void claim(String key, KeyedRequest request, Instant now) {
    if (!owns(KEYS)) {
      claimedKeys = new HashMap<>(claimedKeys);
    }
    claimedKeys.put(key, new Claim(now, request));
  }

  /** Replaces the model-made ids of new rows with the ones the engine chose. */
  public void rebind(Map<UUID, UUID> placeholders) {
    for (ModelRow r : List.copyOf(rows.values())) {
      UUID real = placeholders.get(r.id());
      if (real != null) {
        writableRows();
        rowsById.remove(r.id());
        ModelRow named = r.withId(real);
        rows.put(named.key(), named);
        rowsById.put(real, named);
      }
    }
  }

  /**
   * Takes over what the engine holds (entities, assignments and their usage at {@code now}), so that
   * one divergence is reported once rather than on every later call; claimed keys are kept.
   */
  void adopt(List<Entity> engineEntities, List<Assignment> engineAssignments, Map<UUID, Long> usage, Instant now) {
    shared &= ~(ENTITIES | ROWS | COUNTERS);
    entities = new TreeMap<>();
    engineEntities.forEach(e -> entities.put(e.id(), e));
    rows = new TreeMap<>(ModelKey.ORDER);
    rowsById = new HashMap<>();
    counters = new HashMap<>();
    for (Assignment a : engineAssignments) {
      ModelRow row = ModelRow.of(a);
      rows.put(row.key(), row);
      rowsById.put(row.id(), row);
      // A budget the engine did not report usage for is taken as unused.
      counters.put(row.id(), new UsageCounter(row.periodAt(now).start(), usage.getOrDefault(row.id(), 0L)));
    }
    entityIdList = null;
    rowList = null;
    version++;
  }
}
