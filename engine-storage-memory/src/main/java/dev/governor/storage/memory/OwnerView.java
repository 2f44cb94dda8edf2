package dev.governor.storage.memory;

import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Entity;
import dev.governor.spi.OwnerCatalogView;
import dev.governor.spi.StoredAssignment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.function.Consumer;

/** Reads one owner's catalog; the caller holds the owner's catalog lock for the view's lifetime. */
class OwnerView implements OwnerCatalogView {
  final OwnerState state;

  OwnerView(OwnerState state) {
    this.state = state;
  }

  @Override
  public String ownerId() {
    return state.ownerId;
  }

  @Override
  public long version() {
    return state.version;
  }

  @Override
  public Entity entity(String id) {
    EntityNode node = state.entities.get(id);
    return node == null ? null : node.entity;
  }

  @Override
  public int childCount(String entityId) {
    EntityNode node = state.entities.get(entityId);
    return node == null ? 0 : node.childCount;
  }

  @Override
  public List<StoredAssignment> assignmentsOf(String entityId) {
    EntityNode node = state.entities.get(entityId);
    if (node == null || node.assignments.length == 0) {
      return List.of();
    }
    List<StoredAssignment> out = new ArrayList<>(node.assignments.length);
    for (AssignmentNode a : node.assignments) {
      out.add(a.value);
    }
    return out;
  }

  @Override
  public StoredAssignment assignment(UUID id) {
    AssignmentNode node = state.assignments.get(id);
    return node == null ? null : node.value;
  }

  @Override
  public StoredAssignment assignment(AssignmentKey key) {
    EntityNode node = state.entities.get(key.entityId());
    if (node == null) {
      return null;
    }
    // The entity's assignments are sorted by (capability, scope): binary search, O(log k).
    AssignmentNode[] a = node.assignments;
    int lo = 0;
    int hi = a.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      StoredAssignment m = a[mid].value;
      int c = m.capabilityId().compareTo(key.capabilityId());
      if (c == 0) {
        c = AssignmentKey.compareScopes(m.scopeEntityIds(), key.scopeEntityIds());
      }
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return m;
      }
    }
    return null;
  }

  @Override
  public List<Entity> entities(String typeId, boolean includeArchived, String afterId, int limit) {
    List<Entity> page = new ArrayList<>(Math.min(limit, 128));
    NavigableMap<String, EntityNode> tail = afterId == null ? state.entities : state.entities.tailMap(afterId, false);
    for (EntityNode node : tail.values()) {
      if (page.size() >= limit) {
        break;
      }
      Entity e = node.entity;
      if ((typeId == null || typeId.equals(e.typeId())) && (includeArchived || !e.isArchived())) {
        page.add(e);
      }
    }
    return page;
  }

  @Override
  public List<StoredAssignment> assignments(String entityId, String capabilityId, AssignmentKey after, int limit) {
    List<StoredAssignment> page = new ArrayList<>(Math.min(limit, 128));
    NavigableMap<String, EntityNode> range;
    if (entityId != null) {
      EntityNode node = state.entities.get(entityId);
      boolean pastIt = after != null && after.entityId().compareTo(entityId) > 0;
      range = node == null || pastIt ? Collections.emptyNavigableMap() : state.entities.subMap(entityId, true, entityId, true);
    } else {
      range = after == null ? state.entities : state.entities.tailMap(after.entityId(), true);
    }
    for (Map.Entry<String, EntityNode> entry : range.entrySet()) {
      for (AssignmentNode n : entry.getValue().assignments) {
        StoredAssignment a = n.value;
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
  public void forEachEntity(Consumer<Entity> action) {
    for (EntityNode node : state.entities.values()) {
      action.accept(node.entity);
    }
  }

  @Override
  public void forEachAssignment(Consumer<StoredAssignment> action) {
    for (EntityNode node : state.entities.values()) {
      for (AssignmentNode a : node.assignments) {
        action.accept(a.value);
      }
    }
  }
}
