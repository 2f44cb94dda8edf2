package dev.governor.spi;

import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Entity;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One owner's catalog (entities and assignments) at one version. Immutable: it never changes after
 * a store hands it out and does no I/O when read, so the engine caches it by version, compiles plans
 * and query indexes from it without further store calls, and shares it between threads. It never
 * shows another owner's data.
 */
public interface OwnerSnapshot {
  /** The owner. */
  String ownerId();

  /**
   * Grows by one with every committed change of this owner's catalog; 0 for an owner that never
   * held data. The ledger validates decisions against it.
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

  /** The assignment with this natural key, or null; answered without scanning the entity's list. */
  StoredAssignment assignment(AssignmentKey key);

  /**
   * The ledger's handle to the usage counter of an assignment of this snapshot. A local lookup,
   * never a round trip (a memory store hands out the counter, a remote store its key).
   *
   * @throws IllegalArgumentException if the snapshot holds no such assignment
   */
  LedgerCounter counter(UUID assignmentId);

  /**
   * Up to {@code limit} entities with id greater than {@code afterId} (null: from the start), ordered
   * by id, of type {@code typeId} (null: any) and, unless {@code includeArchived}, not archived.
   */
  List<Entity> entities(String typeId, boolean includeArchived, String afterId, int limit);

  /**
   * Up to {@code limit} entities with id less than {@code beforeId} (null: from the end), with the
   * same filters as {@link #entities}, nearest first: that order read backwards.
   */
  List<Entity> entitiesBefore(String typeId, boolean includeArchived, String beforeId, int limit);

  /**
   * Up to {@code limit} assignments ordered by natural key (entity id, capability id, scope) and
   * strictly after {@code after} (null: from the start), of entity {@code entityId} and capability
   * {@code capabilityId} when those are not null.
   */
  List<StoredAssignment> assignments(String entityId, String capabilityId, AssignmentKey after, int limit);

  /**
   * Up to {@code limit} assignments strictly before {@code before} in natural-key order (null: from
   * the end), with the same filters as {@link #assignments}, nearest first.
   */
  List<StoredAssignment> assignmentsBefore(String entityId, String capabilityId, AssignmentKey before, int limit);

  /** Every entity of the owner, archived ones included, in id order. */
  void forEachEntity(Consumer<Entity> action);

  /** Every assignment of the owner, in natural-key order. */
  void forEachAssignment(Consumer<StoredAssignment> action);
}
