package dev.governor.catalog;

/**
 * Which entities an entity list returns: optionally only one type, and archived ones only when asked.
 * Immutable.
 *
 * @param typeId only entities of this type, or null for all types
 * @param includeArchived whether archived entities are listed too (default false)
 */
public record EntityFilter(String typeId, boolean includeArchived) {
  /** Every active entity. */
  public static EntityFilter all() {
    return new EntityFilter(null, false);
  }

  /** Only entities of this type. */
  public EntityFilter type(String typeId) {
    return new EntityFilter(typeId, includeArchived);
  }

  /** Archived entities too. */
  public EntityFilter includingArchived() {
    return new EntityFilter(typeId, true);
  }
}
