package dev.governor.spi;

import dev.governor.catalog.Entity;
import java.util.List;
import java.util.UUID;

/**
 * A change set of one owner's catalog, validated by the engine against one snapshot: the final
 * value of every entity and assignment it writes, the assignments it removes, and the usage carries
 * of cadence changes. Every parent named exists after the change and every assignment's entity
 * too; a store derives child counts from the parent links it stores. An assignment keeps its usage
 * counter when it is replaced; a removed assignment's counter goes with it. Immutable.
 *
 * @param entities entities to insert or replace (by id)
 * @param assignments assignments to insert or replace (by id; an assignment never changes its
 *     natural key)
 * @param removedAssignments ids of assignments to remove with their usage
 * @param carries usage carries, applied in order after the writes
 */
public record OwnerChanges(
    List<Entity> entities, List<StoredAssignment> assignments, List<UUID> removedAssignments, List<UsageCarry> carries) {
  public OwnerChanges {
    entities = List.copyOf(entities);
    assignments = List.copyOf(assignments);
    removedAssignments = List.copyOf(removedAssignments);
    carries = List.copyOf(carries);
  }

  /** True when the change set writes nothing. */
  public boolean isEmpty() {
    return entities.isEmpty() && assignments.isEmpty() && removedAssignments.isEmpty() && carries.isEmpty();
  }
}
