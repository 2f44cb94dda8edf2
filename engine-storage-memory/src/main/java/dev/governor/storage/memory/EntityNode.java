package dev.governor.storage.memory;

import dev.governor.catalog.Entity;
import dev.governor.spi.StoredAssignment;
import java.util.ArrayList;
import java.util.List;

/** One entity with what the store indexes about it. Guarded by its owner's catalog lock. */
final class EntityNode {
  Entity entity;
  int childCount;
  /** Sorted by capability id then scope; null while empty, to keep leaf entities small. */
  List<StoredAssignment> assignments;

  EntityNode(Entity entity) {
    this.entity = entity;
  }

  List<StoredAssignment> assignmentsOrEmpty() {
    return assignments == null ? List.of() : assignments;
  }

  List<StoredAssignment> mutableAssignments() {
    if (assignments == null) {
      assignments = new ArrayList<>(2);
    }
    return assignments;
  }
}
