package dev.governor.spi;

import dev.governor.catalog.Capability;
import dev.governor.catalog.EntityType;
import java.util.List;

/**
 * The engine-wide catalog (entity types and capabilities) at one version. Immutable: it never
 * changes after a store hands it out and does no I/O when read, so engines cache it by version and
 * share it between threads.
 */
public interface GlobalSnapshot {
  /** Grows with every committed change of types or capabilities; 0 for an empty catalog. */
  long version();

  /** The type with this id, or null. */
  EntityType entityType(String id);

  /** The id of the type that owns this attribution key, or null. */
  String attributionKeyOwner(String key);

  /** Up to {@code limit} types with id greater than {@code afterId} (null: from the start), by id. */
  List<EntityType> entityTypes(String afterId, int limit);

  /**
   * Up to {@code limit} types with id less than {@code beforeId} (null: from the end), nearest
   * first: the same order as {@link #entityTypes}, read backwards.
   */
  List<EntityType> entityTypesBefore(String beforeId, int limit);

  /** The capability with this id, or null. */
  Capability capability(String id);

  /** Up to {@code limit} capabilities with id greater than {@code afterId}, by id. */
  List<Capability> capabilities(String afterId, int limit);

  /** Up to {@code limit} capabilities with id less than {@code beforeId} (null: from the end), nearest first. */
  List<Capability> capabilitiesBefore(String beforeId, int limit);
}
