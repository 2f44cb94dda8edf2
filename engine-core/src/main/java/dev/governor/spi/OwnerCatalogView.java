package dev.governor.spi;

import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Entity;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A consistent read view of one owner's catalog (entities and assignments), valid only inside the
 * {@link CatalogStore#readOwner} or {@link CatalogStore#updateOwner} call that handed it out, and
 * confined to that call's thread. It never shows another owner's data.
 */
public interface OwnerCatalogView {
  /** The owner. */
  String ownerId();

  /**
   * Increases with every committed change of this owner's catalog; 0 for an owner that has never
   * been written. The usage ledger checks it to refuse operations planned on an older catalog.
   */
  long version();

  /** The entity with this id, or null. */
  Entity entity(String id);

  /** How many entities name this one as their parent. */
  int childCount(String entityId);

  /** This entity's assignments, ordered by capability id then scope; empty if none. */
  List<StoredAssignment> assignmentsOf(String entityId);

  /** The assignment with this id, or null. */
  StoredAssignment assignment(UUID id);

  /**
   * The assignment with this natural key, or null. Called once per item of an upsert or delete
   * batch, so a store should answer it without scanning all of the entity's assignments.
   */
  StoredAssignment assignment(AssignmentKey key);

  /**
   * Up to {@code limit} entities with id greater than {@code afterId} (null: from the start), ordered
   * by id, of type {@code typeId} (null: any) and, unless {@code includeArchived}, not archived.
   */
  List<Entity> entities(String typeId, boolean includeArchived, String afterId, int limit);

  /**
   * Up to {@code limit} assignments ordered by natural key (entity id, capability id, scope) and
   * strictly after {@code after} (null: from the start), of entity {@code entityId} and capability
   * {@code capabilityId} when those are not null.
   */
  List<StoredAssignment> assignments(String entityId, String capabilityId, AssignmentKey after, int limit);

  /** Every entity of the owner, archived ones included, in id order. */
  void forEachEntity(Consumer<Entity> action);

  /** Every assignment of the owner, in natural-key order. */
  void forEachAssignment(Consumer<StoredAssignment> action);
}
