package dev.governor.runtime;

/**
 * A request dimension that named no entity and was left out of the resolution. Immutable.
 *
 * @param key the attribution key
 * @param value the entity id it carried
 * @param reason why it did not resolve
 */
public record UnresolvedDimension(String key, String value, Reason reason) {
  /** Why a dimension did not resolve. */
  public enum Reason {
    /** No entity type owns this attribution key. */
    UNKNOWN_KEY,
    /** The owner has no entity with this id. */
    UNKNOWN_ENTITY,
    /** The entity exists but is not of the type that owns the key. */
    TYPE_MISMATCH
  }
}
