package dev.governor.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A category of governed thing, engine-wide: {@code org}, {@code team}, {@code user} (used in
 * hierarchies) or {@code model}, {@code region} (used as dimensions). Immutable.
 *
 * @param id unique in the engine
 * @param displayName human-readable label
 * @param attributionKeys the request-dimension keys that name instances of this type, sorted,
 *     without duplicates; each key belongs to at most one type
 * @param createdAt when the type was created (engine clock)
 * @param updatedAt when something about it last changed
 */
public record EntityType(
    String id, String displayName, List<String> attributionKeys, Instant createdAt, Instant updatedAt) {
  public EntityType {
    attributionKeys = List.copyOf(attributionKeys);
  }
}
