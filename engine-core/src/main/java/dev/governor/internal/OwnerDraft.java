package dev.governor.internal;

import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Entity;
import dev.governor.spi.OwnerChanges;
import dev.governor.spi.OwnerSnapshot;
import dev.governor.spi.StoredAssignment;
import dev.governor.spi.UsageCarry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One catalog batch of one owner being validated: a snapshot with the batch's own writes laid over
 * it, so an item sees the items before it (a parent created earlier in the same batch), and the
 * change set those writes make. Nothing reaches the store until {@link Commits} commits the change
 * set against the snapshot's version. Confined to the thread running the batch.
 */
final class OwnerDraft {
  final OwnerSnapshot snapshot;
  private final Map<String, Entity> entities = new LinkedHashMap<>();
  private final Map<String, Integer> childDelta = new HashMap<>();
  private final Map<UUID, StoredAssignment> assignments = new LinkedHashMap<>();
  private final Map<AssignmentKey, StoredAssignment> byKey = new HashMap<>();
  private final Set<UUID> removed = new LinkedHashSet<>();
  private final List<UsageCarry> carries = new ArrayList<>();

  OwnerDraft(OwnerSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  /** The entity with this id as the batch sees it, or null. */
  Entity entity(String id) {
    Entity e = entities.get(id);
    return e != null ? e : snapshot.entity(id);
  }

  /** How many entities name this one as their parent, the batch's moves included. */
  int childCount(String entityId) {
    return snapshot.childCount(entityId) + childDelta.getOrDefault(entityId, 0);
  }

  /** The assignment with this id as the batch sees it, or null. */
  StoredAssignment assignment(UUID id) {
    if (removed.contains(id)) {
      return null;
    }
    StoredAssignment a = assignments.get(id);
    return a != null ? a : snapshot.assignment(id);
  }

  /** The assignment with this natural key as the batch sees it, or null. */
  StoredAssignment assignment(AssignmentKey key) {
    StoredAssignment a = byKey.get(key);
    if (a != null) {
      return a;
    }
    a = snapshot.assignment(key);
    return a == null || removed.contains(a.id()) ? null : a;
  }

  void putEntity(Entity entity) {
    Entity previous = entity(entity.id());
    entities.put(entity.id(), entity);
    String before = previous == null ? null : previous.parentId();
    if (!Objects.equals(before, entity.parentId())) {
      adjust(before, -1);
      adjust(entity.parentId(), +1);
    }
  }

  private void adjust(String parentId, int delta) {
    if (parentId != null) {
      childDelta.merge(parentId, delta, Integer::sum);
    }
  }

  void putAssignment(StoredAssignment assignment) {
    assignments.put(assignment.id(), assignment);
    byKey.put(assignment.key(), assignment);
  }

  void removeAssignment(UUID id) {
    StoredAssignment a = assignment(id);
    if (a == null) {
      return;
    }
    assignments.remove(id);
    byKey.remove(a.key());
    if (snapshot.assignment(id) != null) {
      removed.add(id);
    }
  }

  /** Moves an assignment's current usage with a change of its cadence or anchor; see {@link UsageCarry}. */
  void carryUsage(UUID assignmentId, long oldPeriodStart, long newPeriodStart) {
    carries.add(new UsageCarry(assignmentId, oldPeriodStart, newPeriodStart));
  }

  /** The change set of the batch. */
  OwnerChanges changes() {
    return new OwnerChanges(List.copyOf(entities.values()), List.copyOf(assignments.values()), List.copyOf(removed),
        carries);
  }
}
