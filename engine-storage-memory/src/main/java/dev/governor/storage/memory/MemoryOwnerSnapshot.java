package dev.governor.storage.memory;

import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Entity;
import dev.governor.spi.LedgerCounter;
import dev.governor.spi.OwnerSnapshot;
import dev.governor.spi.StoredAssignment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One owner's catalog at one version, over persistent trees: entities by id (each with its sorted
 * assignments and their counters) and assignments by id. Immutable and thread-safe; a commit builds
 * the next snapshot from this one, sharing everything it does not change.
 */
final class MemoryOwnerSnapshot implements OwnerSnapshot {
  static final Comparator<String> BY_ID = Comparator.naturalOrder();
  static final Comparator<UUID> BY_UUID = Comparator.naturalOrder();

  final String ownerId;
  final long version;
  final PersistentTree<String, EntityNode> entities;
  final PersistentTree<UUID, AssignmentEntry> assignments;

  MemoryOwnerSnapshot(String ownerId, long version, PersistentTree<String, EntityNode> entities,
      PersistentTree<UUID, AssignmentEntry> assignments) {
    this.ownerId = ownerId;
    this.version = version;
    this.entities = entities;
    this.assignments = assignments;
  }

  /** The snapshot of an owner that never held data. */
  static MemoryOwnerSnapshot empty(String ownerId) {
    return new MemoryOwnerSnapshot(ownerId, 0L, PersistentTree.empty(BY_ID), PersistentTree.empty(BY_UUID));
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
    EntityNode node = entities.get(id);
    return node == null ? null : node.entity;
  }

  @Override
  public int childCount(String entityId) {
    EntityNode node = entities.get(entityId);
    return node == null ? 0 : node.childCount;
  }

  @Override
  public List<StoredAssignment> assignmentsOf(String entityId) {
    EntityNode node = entities.get(entityId);
    if (node == null || node.assignments.length == 0) {
      return List.of();
    }
    List<StoredAssignment> out = new ArrayList<>(node.assignments.length);
    for (AssignmentEntry a : node.assignments) {
      out.add(a.value());
    }
    return out;
  }

  @Override
  public StoredAssignment assignment(UUID id) {
    AssignmentEntry entry = assignments.get(id);
    return entry == null ? null : entry.value();
  }

  @Override
  public StoredAssignment assignment(AssignmentKey key) {
    EntityNode node = entities.get(key.entityId());
    if (node == null) {
      return null;
    }
    int at = indexOf(node.assignments, key.capabilityId(), key.scopeEntityIds());
    return at < 0 ? null : node.assignments[at].value();
  }

  /**
   * Binary search of an entity's sorted assignments, O(log k): the index of the one with this
   * capability and scope, or {@code -(insertion point) - 1}.
   */
  static int indexOf(AssignmentEntry[] a, String capabilityId, java.util.Set<String> scope) {
    int lo = 0;
    int hi = a.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      StoredAssignment m = a[mid].value();
      int c = m.capabilityId().compareTo(capabilityId);
      if (c == 0) {
        c = AssignmentKey.compareScopes(m.scopeEntityIds(), scope);
      }
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  @Override
  public LedgerCounter counter(UUID assignmentId) {
    AssignmentEntry entry = assignments.get(assignmentId);
    if (entry == null) {
      throw new IllegalArgumentException("owner " + ownerId + " has no assignment " + assignmentId + " at version " + version);
    }
    return entry.counter();
  }

  @Override
  public List<Entity> entities(String typeId, boolean includeArchived, String afterId, int limit) {
    List<Entity> page = new ArrayList<>(Math.min(limit, 128));
    for (Iterator<EntityNode> it = entities.valuesAfter(afterId); it.hasNext() && page.size() < limit; ) {
      Entity e = it.next().entity;
      if ((typeId == null || typeId.equals(e.typeId())) && (includeArchived || !e.isArchived())) {
        page.add(e);
      }
    }
    return page;
  }

  @Override
  public List<StoredAssignment> assignments(String entityId, String capabilityId, AssignmentKey after, int limit) {
    List<StoredAssignment> page = new ArrayList<>(Math.min(limit, 128));
    Iterator<EntityNode> range;
    if (entityId != null) {
      EntityNode node = entities.get(entityId);
      boolean pastIt = after != null && after.entityId().compareTo(entityId) > 0;
      range = node == null || pastIt ? java.util.Collections.emptyIterator() : List.of(node).iterator();
    } else {
      range = after == null ? entities.valuesAfter(null) : entities.valuesFrom(after.entityId());
    }
    while (range.hasNext()) {
      for (AssignmentEntry entry : range.next().assignments) {
        StoredAssignment a = entry.value();
        if (page.size() >= limit) {
          return page;
        }
        if (capabilityId != null && !capabilityId.equals(a.capabilityId())) {
          continue;
        }
        if (after != null && AssignmentKey.naturalOrder().compare(a.key(), after) <= 0) {
          continue;
        }
        page.add(a);
      }
    }
    return page;
  }

  @Override
  public List<Entity> entitiesBefore(String typeId, boolean includeArchived, String beforeId, int limit) {
    List<Entity> page = new ArrayList<>(Math.min(limit, 128));
    for (Iterator<EntityNode> it = entities.valuesBefore(beforeId); it.hasNext() && page.size() < limit; ) {
      Entity e = it.next().entity;
      if ((typeId == null || typeId.equals(e.typeId())) && (includeArchived || !e.isArchived())) {
        page.add(e);
      }
    }
    return page;
  }

  @Override
  public List<StoredAssignment> assignmentsBefore(String entityId, String capabilityId, AssignmentKey before,
      int limit) {
    List<StoredAssignment> page = new ArrayList<>(Math.min(limit, 128));
    Iterator<EntityNode> range;
    if (entityId != null) {
      EntityNode node = entities.get(entityId);
      boolean pastIt = before != null && before.entityId().compareTo(entityId) < 0;
      range = node == null || pastIt ? java.util.Collections.emptyIterator() : List.of(node).iterator();
    } else {
      range = before == null ? entities.valuesBefore(null) : entities.valuesDownFrom(before.entityId());
    }
    while (range.hasNext()) {
      AssignmentEntry[] entries = range.next().assignments;
      for (int i = entries.length - 1; i >= 0; i--) {
        StoredAssignment a = entries[i].value();
        if (page.size() >= limit) {
          return page;
        }
        if (capabilityId != null && !capabilityId.equals(a.capabilityId())) {
          continue;
        }
        if (before != null && AssignmentKey.naturalOrder().compare(a.key(), before) >= 0) {
          continue;
        }
        page.add(a);
      }
    }
    return page;
  }

  @Override
  public void forEachEntity(Consumer<Entity> action) {
    entities.forEach(node -> action.accept(node.entity));
  }

  @Override
  public void forEachAssignment(Consumer<StoredAssignment> action) {
    entities.forEach(node -> {
      for (AssignmentEntry a : node.assignments) {
        action.accept(a.value());
      }
    });
  }
}
