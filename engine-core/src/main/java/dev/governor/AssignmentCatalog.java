package dev.governor;

import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentFilter;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.AssignmentUpsert;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The assignments (budgets) of one owner. Every method is thread-safe; each write is atomic, and
 * writes for one owner never read or change another owner's data.
 */
public interface AssignmentCatalog {
  /** The owner this view belongs to. */
  String ownerId();

  /**
   * Creates or updates 1..100 assignments matched on their natural key, all or nothing,
   * idempotently. A limit or cadence change keeps the usage already counted in the current period.
   *
   * @return the stored assignments, in the order of the batch
   * @throws ValidationException for a malformed item (missing limit or cadence on create, bad
   *     cadence, negative limit, ...)
   * @throws NotFoundException for an unknown entity, capability, scope entity or parent
   * @throws ConflictException for a non-leaf move, a cycle, an archived parent or a hierarchy deeper
   *     than the engine's maximum
   */
  List<Assignment> upsert(List<AssignmentUpsert> assignments);

  /** The assignment with this id. */
  Optional<Assignment> get(UUID id);

  /** The assignment with this natural key. */
  Optional<Assignment> get(AssignmentKey key);

  /**
   * One page of assignments matching {@code filter}, ordered by entity id, then capability id, then
   * scope.
   */
  Page<Assignment> list(AssignmentFilter filter, PageRequest page);

  /** One page of all assignments. */
  default Page<Assignment> list(PageRequest page) {
    return list(AssignmentFilter.all(), page);
  }

  /**
   * Deletes 1..100 assignments by id, together with their usage; ids that name no assignment are
   * skipped, so re-sending is safe.
   *
   * @return the assignments that were deleted
   */
  List<Assignment> delete(List<UUID> ids);

  /** Deletes 1..100 assignments by natural key, like {@link #delete(List)}. */
  List<Assignment> deleteByKey(List<AssignmentKey> keys);
}
