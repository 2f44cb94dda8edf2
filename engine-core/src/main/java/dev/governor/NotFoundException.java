package dev.governor;

/**
 * A request named something that does not exist: an entity, a type, a capability, an assignment.
 * Nothing was changed. Thread-safe (immutable).
 */
public final class NotFoundException extends GovernanceException {
  private static final long serialVersionUID = 1L;

  private final String kind;

  /**
   * @param index position of the item in its batch, or {@code -1}
   * @param field the field that named the missing thing, e.g. {@code parentId}
   * @param kind what was looked for, e.g. {@code "entity"}
   * @param id the id that was not found (quoted in the message)
   */
  public NotFoundException(int index, String field, String kind, String id) {
    super(index, field, Quote.of(id), describe(index, field, "no " + kind + " " + Quote.of(id)), null);
    this.kind = kind;
  }

  /** What kind of thing was missing: {@code entity}, {@code entity type}, {@code capability}, ... */
  public String kind() {
    return kind;
  }
}
