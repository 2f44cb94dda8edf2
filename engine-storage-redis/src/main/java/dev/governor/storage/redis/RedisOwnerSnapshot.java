package dev.governor.storage.redis;

import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Entity;
import dev.governor.spi.LedgerCounter;
import dev.governor.spi.OwnerChanges;
import dev.governor.spi.OwnerSnapshot;
import dev.governor.spi.StoredAssignment;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One owner's catalog at one version, decoded from one atomic read of Redis and indexed once:
 * entities by id with their child counts and sorted assignments, assignments by id and by natural
 * key. Immutable and thread-safe.
 */
final class RedisOwnerSnapshot implements OwnerSnapshot {
  private final String ownerId;
  private final long version;
  private final NavigableMap<String, Entity> entities = new TreeMap<>();
  private final Map<String, Integer> childCounts = new HashMap<>();
  private final NavigableMap<AssignmentKey, StoredAssignment> byKey = new TreeMap<>(AssignmentKey.naturalOrder());
  private final Map<UUID, StoredAssignment> byId = new HashMap<>();
  private final Map<UUID, RedisCounter> counters = new HashMap<>();

  private RedisOwnerSnapshot(String ownerId, long version, Collection<Entity> allEntities, Collection<StoredAssignment> allAssignments) {
    this.ownerId = ownerId;
    this.version = version;
    for (Entity e : allEntities) {
      entities.put(e.id(), e);
      if (e.parentId() != null) {
        childCounts.merge(e.parentId(), 1, Integer::sum);
      }
    }
    for (StoredAssignment a : allAssignments) {
      byKey.put(a.key(), a);
      byId.put(a.id(), a);
      counters.put(a.id(), new RedisCounter(a.id().toString()));
    }
  }

  /** A snapshot from the stored forms one atomic read returned. */
  static RedisOwnerSnapshot decode(String ownerId, long version, Collection<?> storedEntities, Collection<?> storedAssignments) {
    List<Entity> all = new ArrayList<>(storedEntities.size());
    for (Object s : storedEntities) {
      all.add(Records.entity((String) s));
    }
    List<StoredAssignment> assignments = new ArrayList<>(storedAssignments.size());
    for (Object s : storedAssignments) {
      assignments.add(Records.assignment((String) s));
    }
    return new RedisOwnerSnapshot(ownerId, version, all, assignments);
  }

  /**
   * The snapshot a committed change set made of this one, at {@code newVersion}: what Redis now
   * holds, built without reading it back (the commit script applied exactly these changes to
   * exactly this version).
   */
  RedisOwnerSnapshot next(long newVersion, OwnerChanges changes) {
    Map<String, Entity> nextEntities = new TreeMap<>(entities);
    changes.entities().forEach(e -> nextEntities.put(e.id(), e));
    Map<UUID, StoredAssignment> nextAssignments = new HashMap<>(byId);
    changes.assignments().forEach(a -> nextAssignments.put(a.id(), a));
    changes.removedAssignments().forEach(nextAssignments::remove);
    return new RedisOwnerSnapshot(ownerId, newVersion, nextEntities.values(), nextAssignments.values());
  }

  /** The snapshot of an owner that never held data. */
  static RedisOwnerSnapshot empty(String ownerId) {
    return new RedisOwnerSnapshot(ownerId, 0L, List.<Entity>of(), List.<StoredAssignment>of());
  }

  @Override
  public String ownerId() {
    return ownerId;
  }

  @Override
  public long version() {
    return version;
  }

  @Override
  public Entity entity(String id) {
    return entities.get(id);
  }

  @Override
  public int childCount(String entityId) {
    return childCounts.getOrDefault(entityId, 0);
  }

  @Override
  public List<StoredAssignment> assignmentsOf(String entityId) {
    // Natural-key order puts one entity's assignments together, by capability then scope.
    NavigableMap<AssignmentKey, StoredAssignment> range =
        byKey.tailMap(new AssignmentKey(entityId, "", java.util.Set.of()), true);
    List<StoredAssignment> out = new ArrayList<>();
    for (StoredAssignment a : range.values()) {
      if (!a.entityId().equals(entityId)) {
        break;
      }
      out.add(a);
    }
    return out;
  }

  @Override
  public StoredAssignment assignment(UUID id) {
    return byId.get(id);
  }

  @Override
  public StoredAssignment assignment(AssignmentKey key) {
    return byKey.get(key);
  }

  @Override
  public LedgerCounter counter(UUID assignmentId) {
    RedisCounter counter = counters.get(assignmentId);
    if (counter == null) {
      throw new IllegalArgumentException("owner " + ownerId + " has no assignment " + assignmentId + " at version " + version);
    }
    return counter;
  }

  @Override
  public List<Entity> entities(String typeId, boolean includeArchived, String afterId, int limit) {
    List<Entity> page = new ArrayList<>(Math.min(limit, 128));
    for (Entity e : (afterId == null ? entities : entities.tailMap(afterId, false)).values()) {
      if (page.size() >= limit) {
        break;
      }
      if ((typeId == null || typeId.equals(e.typeId())) && (includeArchived || !e.isArchived())) {
        page.add(e);
      }
    }
    return page;
  }

  @Override
  public List<StoredAssignment> assignments(String entityId, String capabilityId, AssignmentKey after, int limit) {
    Collection<StoredAssignment> range = entityId != null ? assignmentsOf(entityId)
        : (after == null ? byKey : byKey.tailMap(after, false)).values();
    List<StoredAssignment> page = new ArrayList<>(Math.min(limit, 128));
    for (StoredAssignment a : range) {
      if (page.size() >= limit) {
        break;
      }
      if ((capabilityId == null || capabilityId.equals(a.capabilityId()))
          && (after == null || AssignmentKey.naturalOrder().compare(a.key(), after) > 0)) {
        page.add(a);
      }
    }
    return page;
  }
  @Override
  public List<Entity> entitiesBefore(String typeId, boolean includeArchived, String beforeId, int limit) {
    List<Entity> page = new ArrayList<>(Math.min(limit, 128));
    for (Entity e : (beforeId == null ? entities : entities.headMap(beforeId, false)).descendingMap().values()) {
      if (page.size() >= limit) {
        break;
      }
      if ((typeId == null || typeId.equals(e.typeId())) && (includeArchived || !e.isArchived())) {
        page.add(e);
      }
    }
    return page;
  }

  @Override
  public List<StoredAssignment> assignmentsBefore(String entityId, String capabilityId, AssignmentKey before,
      int limit) {
    Collection<StoredAssignment> range;
    if (entityId != null) {
      List<StoredAssignment> own = new ArrayList<>(assignmentsOf(entityId));
      java.util.Collections.reverse(own);
      range = own;
    } else {
      range = (before == null ? byKey : byKey.headMap(before, false)).descendingMap().values();
    }
    List<StoredAssignment> page = new ArrayList<>(Math.min(limit, 128));
    for (StoredAssignment a : range) {
      if (page.size() >= limit) {
        break;
      }
      if ((capabilityId == null || capabilityId.equals(a.capabilityId()))
          && (before == null || AssignmentKey.naturalOrder().compare(a.key(), before) < 0)) {
        page.add(a);
      }
    }
    return page;
  }


  @Override
  public void forEachEntity(Consumer<Entity> action) {
    entities.values().forEach(action);
  }

  @Override
  public void forEachAssignment(Consumer<StoredAssignment> action) {
    byKey.values().forEach(action);
  }
}
