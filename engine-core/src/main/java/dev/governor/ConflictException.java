package dev.governor;

/**
 * A well-formed request that the current state forbids: a hierarchy cycle, moving a node that has
 * children, changing an entity's type, an attribution key another type owns, an idempotency key
 * reused for another request. Nothing was changed.
 * Thread-safe (immutable).
 */
public final class ConflictException extends GovernanceException {
  private static final long serialVersionUID = 1L;

  /** Why the request conflicts with the current state. */
  public enum Reason {
    /** The new parent is the entity itself or one of its descendants. */
    CYCLE,
    /** Only leaves move: the entity has children, so its parent cannot change. */
    NON_LEAF_MOVE,
    /** The parent is archived; nothing can be attached under it. */
    PARENT_ARCHIVED,
    /** The new parent would place the entity deeper than the engine's maximum depth. */
    MAX_DEPTH_EXCEEDED,
    /** An entity's type is fixed when it is created. */
    TYPE_CHANGE,
    /** An attribution key belongs to at most one entity type. */
    ATTRIBUTION_KEY_OWNED,
    /**
     * An idempotency key was reused for a different request (another subject, capability or
     * amount) within its retention.
     */
    IDEMPOTENCY_KEY_REUSED,
    /**
     * A reservation was settled with another actual amount, or released, before this settle: a
     * closed reservation records nothing more.
     */
    RESERVATION_CLOSED
  }

  private final Reason reason;

  /**
   * @param index position of the item in its batch, or {@code -1}
   * @param field the field whose value conflicts
   * @param value the value as sent (quoted in the message)
   * @param reason the rule broken
   * @param problem a sentence saying why
   */
  public ConflictException(int index, String field, Object value, Reason reason, String problem) {
    this(index, field, Quote.of(value), reason, problem, true);
  }

  private ConflictException(int index, String field, String quoted, Reason reason, String problem, boolean unused) {
    super(index, field, quoted, describe(index, field, quoted + " " + problem), null);
    this.reason = reason;
  }

  /** The rule the request broke. */
  public Reason reason() {
    return reason;
  }
}
