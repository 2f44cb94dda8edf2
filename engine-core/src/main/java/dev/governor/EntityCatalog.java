package dev.governor;

import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityFilter;
import dev.governor.catalog.EntityUpsert;
import java.util.List;
import java.util.Optional;

/**
 * The entities of one owner. Every method is thread-safe; each write is atomic, and writes for one
 * owner never read or change another owner's data.
 */
public interface EntityCatalog {
  /** The owner this view belongs to. */
  String ownerId();

  /**
   * Creates or updates 1..100 entities, all or nothing: items are applied in order (an item may name
   * as parent an entity created earlier in the same batch), and one bad item rejects the whole batch
   * with an error naming its index and field. Re-sending a batch changes nothing.
   *
   * @return the stored entities, in the order of the batch
   * @throws ValidationException for a malformed item
   * @throws NotFoundException for an unknown type or parent
   * @throws ConflictException for a type change, a non-leaf move, a cycle, an archived parent or a
   *     hierarchy deeper than the engine's maximum
   */
  List<Entity> upsert(List<EntityUpsert> entities);

  /** The entity with this id, archived or not. */
  Optional<Entity> get(String id);

  /** One page of entities matching {@code filter}, ordered by id. */
  Page<Entity> list(EntityFilter filter, PageRequest page);

  /** One page of active entities, ordered by id. */
  default Page<Entity> list(PageRequest page) {
    return list(EntityFilter.all(), page);
  }

  /**
   * Archives 1..100 entities (a soft delete, reversible): they leave lists unless asked for, stay
   * readable by id, keep their usage and hierarchy links, and their budgets keep applying to their
   * descendants. Archiving an archived entity changes nothing.
   *
   * @return the entities after the change, in the order given
   * @throws NotFoundException for an unknown id (nothing is archived then)
   */
  List<Entity> archive(List<String> ids);

  /** Reverses {@link #archive}; unarchiving an active entity changes nothing. */
  List<Entity> unarchive(List<String> ids);
}
