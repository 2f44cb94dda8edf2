package dev.governor.storage.memory;

import dev.governor.catalog.Entity;

/** One entity with what the store indexes about it. Guarded by its owner's catalog lock. */
final class EntityNode {
  private static final AssignmentNode[] NONE = new AssignmentNode[0];

  Entity entity;
  int childCount;
  /** Sorted by capability id then scope; replaced (copy on write), never mutated in place. */
  AssignmentNode[] assignments = NONE;

  EntityNode(Entity entity) {
    this.entity = entity;
  }
}
