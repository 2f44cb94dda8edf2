package dev.governor.storage.memory;

import dev.governor.catalog.Entity;

/**
 * One entity of a snapshot with what the store indexes about it: its child count and its
 * assignments sorted by capability id then scope. Immutable: a commit that changes any of it
 * builds a new node.
 */
final class EntityNode {
  static final AssignmentEntry[] NONE = new AssignmentEntry[0];

  final Entity entity;
  final int childCount;
  final AssignmentEntry[] assignments;

  EntityNode(Entity entity, int childCount, AssignmentEntry[] assignments) {
    this.entity = entity;
    this.childCount = childCount;
    this.assignments = assignments;
  }

  EntityNode withEntity(Entity e) {
    return new EntityNode(e, childCount, assignments);
  }

  EntityNode withChildCount(int count) {
    return new EntityNode(entity, count, assignments);
  }

  EntityNode withAssignments(AssignmentEntry[] a) {
    return new EntityNode(entity, childCount, a);
  }
}
