package dev.governor.storage.memory;

import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Entity;
import dev.governor.spi.OwnerCatalogTransaction;
import dev.governor.spi.StoredAssignment;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes to one owner's catalog in place, under the owner's write lock, recording how to undo each
 * write: readers cannot see the state until the lock is released, and {@link #rollback()} restores
 * it exactly when the engine's work throws.
 */
final class OwnerTransaction extends OwnerView implements OwnerCatalogTransaction {
  private static final Comparator<StoredAssignment> BY_KEY =
      Comparator.comparing(StoredAssignment::key, AssignmentKey.naturalOrder());

  private final Deque<Runnable> undo = new ArrayDeque<>();

  OwnerTransaction(OwnerState state) {
    super(state);
  }

  boolean wroteAnything() {
    return !undo.isEmpty();
  }

  void rollback() {
    while (!undo.isEmpty()) {
      undo.pop().run();
    }
  }

  @Override
  public void putEntity(Entity entity) {
    Objects.requireNonNull(entity, "entity");
    EntityNode node = state.entities.get(entity.id());
    if (node == null) {
      EntityNode created = new EntityNode(entity);
      state.entities.put(entity.id(), created);
      undo.push(() -> state.entities.remove(entity.id()));
      adjustChildCount(entity.parentId(), +1);
      return;
    }
    Entity previous = node.entity;
    node.entity = entity;
    undo.push(() -> node.entity = previous);
    if (!Objects.equals(previous.parentId(), entity.parentId())) {
      adjustChildCount(previous.parentId(), -1);
      adjustChildCount(entity.parentId(), +1);
    }
  }

  private void adjustChildCount(String parentId, int delta) {
    if (parentId == null) {
      return;
    }
    EntityNode parent = state.entities.get(parentId);
    if (parent == null) {
      throw new IllegalStateException("parent " + parentId + " is not stored in owner " + state.ownerId);
    }
    parent.childCount += delta;
    undo.push(() -> parent.childCount -= delta);
  }

  @Override
  public void putAssignment(StoredAssignment assignment) {
    Objects.requireNonNull(assignment, "assignment");
    EntityNode node = state.entities.get(assignment.entityId());
    if (node == null) {
      throw new IllegalStateException("entity " + assignment.entityId() + " is not stored in owner " + state.ownerId);
    }
    StoredAssignment previous = state.assignments.put(assignment.id(), assignment);
    undo.push(() -> {
      if (previous == null) {
        state.assignments.remove(assignment.id());
      } else {
        state.assignments.put(previous.id(), previous);
      }
    });
    List<StoredAssignment> list = node.mutableAssignments();
    if (previous != null) {
      int at = list.indexOf(previous);
      list.set(at, assignment);
      undo.push(() -> list.set(at, previous));
      return;
    }
    int at = insertionPoint(list, assignment);
    list.add(at, assignment);
    undo.push(() -> list.remove(at));
  }

  private static int insertionPoint(List<StoredAssignment> list, StoredAssignment a) {
    int i = 0;
    while (i < list.size() && BY_KEY.compare(list.get(i), a) < 0) {
      i++;
    }
    return i;
  }

  @Override
  public void removeAssignment(UUID id) {
    StoredAssignment previous = state.assignments.remove(id);
    if (previous == null) {
      return;
    }
    undo.push(() -> state.assignments.put(id, previous));
    EntityNode node = state.entities.get(previous.entityId());
    List<StoredAssignment> list = node.mutableAssignments();
    int at = list.indexOf(previous);
    list.remove(at);
    undo.push(() -> list.add(at, previous));
    Counter counter = state.counters.remove(id);
    if (counter != null) {
      undo.push(() -> state.counters.put(id, counter));
    }
  }
}
