package dev.governor;

import dev.governor.catalog.EntityType;
import dev.governor.catalog.EntityTypeUpsert;
import java.util.List;
import java.util.Optional;

/**
 * Engine-wide entity types. Every method is thread-safe; each upsert is atomic.
 */
public interface EntityTypeCatalog {
  /**
   * Creates or updates 1..100 types, all or nothing: the batch is validated whole first, and one bad
   * item rejects it with an error naming the item's index and field. Re-sending a batch changes
   * nothing (not even {@code updatedAt}).
   *
   * @return the stored types, in the order of the batch
   * @throws ValidationException for a malformed item
   * @throws ConflictException when an attribution key would belong to two types
   */
  List<EntityType> upsert(List<EntityTypeUpsert> types);

  /** The type with this id, if any. */
  Optional<EntityType> get(String id);

  /** One page of types, ordered by id. */
  Page<EntityType> list(PageRequest page);
}
