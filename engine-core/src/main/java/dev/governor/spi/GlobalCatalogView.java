package dev.governor.spi;

import dev.governor.catalog.Capability;
import dev.governor.catalog.EntityType;
import java.util.List;

/**
 * A consistent read view of the engine-wide catalog (entity types and capabilities), valid only
 * inside the {@link CatalogStore#readGlobal} or {@link CatalogStore#updateGlobal} call that handed
 * it out. Confined to that call's thread.
 */
public interface GlobalCatalogView {
  /** Increases with every committed change of types or capabilities. */
  long version();

  /** The type with this id, or null. */
  EntityType entityType(String id);

  /** The type that owns this attribution key, or null. */
  String attributionKeyOwner(String key);

  /** Up to {@code limit} types with id greater than {@code afterId} (null: from the start), by id. */
  List<EntityType> entityTypes(String afterId, int limit);

  /** The capability with this id, or null. */
  Capability capability(String id);

  /** Up to {@code limit} capabilities with id greater than {@code afterId}, by id. */
  List<Capability> capabilities(String afterId, int limit);
}
