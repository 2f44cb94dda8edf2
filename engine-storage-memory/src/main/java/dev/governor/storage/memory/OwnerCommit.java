package dev.governor.storage.memory;

import dev.governor.catalog.Entity;
import dev.governor.spi.OwnerChanges;
import dev.governor.spi.StoredAssignment;
import dev.governor.spi.UsageCarry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Applies one change set to a snapshot, building the next one: entity writes with child counts
 * kept in step, assignment writes (a new assignment gets a counter on its hierarchy's stripe, a
 * replaced one keeps its counter), removals, and the carries to apply when it is published. Reads
 * and checks everything before the caller publishes anything, so a change set that breaks the
 * store's integrity throws and changes nothing. Confined to the committing thread.
 */
final class OwnerCommit {
  /** A usage carry resolved to its counter. */
  record Carry(Counter counter, long oldPeriodStart, long newPeriodStart) {}

  private final String ownerId;
  private final Stripes stripes;
  private final CounterArena arena;
  /** Counters of the assignments this commit removes. */
  final List<Counter> removed = new ArrayList<>();
  /** Counters this commit created, handed back to the arena if it fails. */
  private final List<Counter> created = new ArrayList<>();
  private PersistentTree<String, EntityNode> entities;
  private PersistentTree<java.util.UUID, AssignmentEntry> assignments;
  final List<Carry> carries = new ArrayList<>();

  private OwnerCommit(MemoryOwnerSnapshot base, Stripes stripes, CounterArena arena) {
    this.ownerId = base.ownerId;
    this.stripes = stripes;
    this.arena = arena;
    this.entities = base.entities;
    this.assignments = base.assignments;
  }

  /** The commit of {@code changes} on top of {@code base}; its snapshot is at version + 1. */
  static OwnerCommit apply(MemoryOwnerSnapshot base, OwnerChanges changes, Stripes stripes, CounterArena arena) {
    OwnerCommit c = new OwnerCommit(base, stripes, arena);
    try {
      c.putEntities(changes.entities());
      changes.assignments().forEach(c::putAssignment);
      changes.removedAssignments().forEach(c::removeAssignment);
    } catch (RuntimeException | Error e) {
      c.created.forEach(arena::release);
      throw e;
    }
    for (UsageCarry carry : changes.carries()) {
      AssignmentEntry entry = c.assignments.get(carry.assignmentId());
      if (entry != null) {
        c.carries.add(new Carry(entry.counter(), carry.oldPeriodStart(), carry.newPeriodStart()));
      }
    }
    c.next = new MemoryOwnerSnapshot(base.ownerId, base.version + 1, c.entities, c.assignments);
    return c;
  }

  private MemoryOwnerSnapshot next;

  /** The snapshot this commit builds. */
  MemoryOwnerSnapshot snapshot() {
    return next;
  }

  /**
   * Writes every entity first, then the parents' child counts: a parent may come after its child
   * in the change set (a batch that moves an entity under one it creates further on).
   */
  private void putEntities(List<Entity> changed) {
    List<String> previousParents = new ArrayList<>(changed.size());
    List<Boolean> created = new ArrayList<>(changed.size());
    for (Entity entity : changed) {
      Objects.requireNonNull(entity, "entity");
      EntityNode node = entities.get(entity.id());
      created.add(node == null);
      previousParents.add(node == null ? null : node.entity.parentId());
      entities = entities.put(entity.id(), node == null ? new EntityNode(entity, 0, EntityNode.NONE) : node.withEntity(entity));
    }
    for (int i = 0; i < changed.size(); i++) {
      String parent = changed.get(i).parentId();
      if (created.get(i)) {
        adjustChildCount(parent, +1);
      } else if (!Objects.equals(previousParents.get(i), parent)) {
        adjustChildCount(previousParents.get(i), -1);
        adjustChildCount(parent, +1);
      }
    }
  }

  private void adjustChildCount(String parentId, int delta) {
    if (parentId == null) {
      return;
    }
    EntityNode parent = entities.get(parentId);
    if (parent == null) {
      throw new IllegalStateException("parent " + parentId + " is not stored in owner " + ownerId);
    }
    entities = entities.put(parentId, parent.withChildCount(parent.childCount + delta));
  }

  private void putAssignment(StoredAssignment assignment) {
    Objects.requireNonNull(assignment, "assignment");
    EntityNode entity = entities.get(assignment.entityId());
    if (entity == null) {
      throw new IllegalStateException("entity " + assignment.entityId() + " is not stored in owner " + ownerId);
    }
    AssignmentEntry existing = assignments.get(assignment.id());
    AssignmentEntry[] list = entity.assignments;
    int at = MemoryOwnerSnapshot.indexOf(list, assignment.capabilityId(), assignment.scopeEntityIds());
    AssignmentEntry[] updated;
    AssignmentEntry entry;
    if (existing != null) {
      if (!existing.value().key().equals(assignment.key())) {
        throw new IllegalStateException("assignment " + assignment.id() + " cannot change its natural key");
      }
      entry = new AssignmentEntry(assignment, existing.counter());
      updated = list.clone();
      updated[at] = entry;
    } else {
      if (at >= 0) {
        throw new IllegalStateException("owner " + ownerId + " already holds an assignment with key " + assignment.key());
      }
      Counter counter = arena.allocate(stripes.stripeOf(ownerId, rootOf(entity).hashCode()), stripes);
      created.add(counter);
      entry = new AssignmentEntry(assignment, counter);
      int insert = -at - 1;
      updated = new AssignmentEntry[list.length + 1];
      System.arraycopy(list, 0, updated, 0, insert);
      updated[insert] = entry;
      System.arraycopy(list, insert, updated, insert + 1, list.length - insert);
    }
    assignments = assignments.put(assignment.id(), entry);
    entities = entities.put(assignment.entityId(), entity.withAssignments(updated));
  }

  /**
   * The root of an entity's hierarchy. Counters of one hierarchy share its root's stripe, so a
   * decision down a chain usually locks one stripe. Fixed when the assignment is created: a leaf
   * that later moves keeps it, which may cost a second stripe, never correctness.
   */
  private String rootOf(EntityNode node) {
    for (int guard = 0; node.entity.parentId() != null && guard < 100_000; guard++) {
      EntityNode parent = entities.get(node.entity.parentId());
      if (parent == null) {
        break;
      }
      node = parent;
    }
    return node.entity.id();
  }

  private void removeAssignment(java.util.UUID id) {
    AssignmentEntry entry = assignments.get(id);
    if (entry == null) {
      return;
    }
    assignments = assignments.remove(id);
    removed.add(entry.counter());
    StoredAssignment a = entry.value();
    EntityNode entity = entities.get(a.entityId());
    AssignmentEntry[] before = entity.assignments;
    AssignmentEntry[] after = new AssignmentEntry[before.length - 1];
    int w = 0;
    for (AssignmentEntry e : before) {
      if (e != entry) {
        after[w++] = e;
      }
    }
    entities = entities.put(a.entityId(), entity.withAssignments(after));
  }
}
