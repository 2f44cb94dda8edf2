package dev.governor.storage.memory;

import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Entity;
import dev.governor.spi.OwnerCatalogTransaction;
import dev.governor.spi.StoredAssignment;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
  private final List<Carry> carries = new ArrayList<>();

  /** A usage carry to apply when the transaction commits. */
  record Carry(AssignmentNode node, long oldPeriodStart, long newPeriodStart) {}

  OwnerTransaction(OwnerState state) {
    super(state);
  }

  boolean wroteAnything() {
    return !undo.isEmpty() || !carries.isEmpty();
  }

  List<Carry> carries() {
    return carries;
  }

  void rollback() {
    carries.clear();
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
    EntityNode entity = state.entities.get(assignment.entityId());
    if (entity == null) {
      throw new IllegalStateException("entity " + assignment.entityId() + " is not stored in owner " + state.ownerId);
    }
    AssignmentNode existing = state.assignments.get(assignment.id());
    if (existing != null) {
      StoredAssignment previous = existing.value;
      if (!previous.key().equals(assignment.key())) {
        throw new IllegalStateException("assignment " + assignment.id() + " cannot change its natural key");
      }
      existing.value = assignment;
      undo.push(() -> existing.value = previous);
      return;
    }
    int stripe = state.ledger.stripeOfRoot(state.rootOf(entity).entity.id());
    AssignmentNode node = new AssignmentNode(assignment, stripe);
    state.assignments.put(assignment.id(), node);
    undo.push(() -> state.assignments.remove(assignment.id()));
    AssignmentNode[] before = entity.assignments;
    AssignmentNode[] after = new AssignmentNode[before.length + 1];
    int at = 0;
    while (at < before.length && BY_KEY.compare(before[at].value, assignment) < 0) {
      at++;
    }
    System.arraycopy(before, 0, after, 0, at);
    after[at] = node;
    System.arraycopy(before, at, after, at + 1, before.length - at);
    entity.assignments = after;
    undo.push(() -> entity.assignments = before);
  }

  @Override
  public void removeAssignment(UUID id) {
    AssignmentNode node = state.assignments.remove(id);
    if (node == null) {
      return;
    }
    undo.push(() -> state.assignments.put(id, node));
    EntityNode entity = state.entities.get(node.value.entityId());
    AssignmentNode[] before = entity.assignments;
    AssignmentNode[] after = new AssignmentNode[before.length - 1];
    int w = 0;
    for (AssignmentNode a : before) {
      if (a != node) {
        after[w++] = a;
      }
    }
    entity.assignments = after;
    undo.push(() -> entity.assignments = before);
  }

  @Override
  public void carryUsage(UUID assignmentId, long oldPeriodStart, long newPeriodStart) {
    AssignmentNode node = state.assignments.get(assignmentId);
    if (node != null) {
      carries.add(new Carry(node, oldPeriodStart, newPeriodStart));
    }
  }
}
