package dev.governor;

/**
 * A request was malformed: a bad id, a missing required field, an out-of-range number, an invalid
 * cadence, a garbage cursor. Nothing was changed. Thread-safe (immutable).
 */
public final class ValidationException extends GovernanceException {
  private static final long serialVersionUID = 1L;

  /**
   * @param index position of the item in its batch, or {@code -1}
   * @param field the field at fault, e.g. {@code entities[3].parentId} is reported as index 3 and
   *     field {@code parentId}
   * @param value the offending value as sent (quoted and shortened in the message); may be null
   * @param problem what is wrong, e.g. {@code "must be between 1 and 100"}
   */
  public ValidationException(int index, String field, Object value, String problem) {
    this(index, field, Quote.of(value), problem, true);
  }

  /** Same as {@link #ValidationException(int, String, Object, String)} for a call that is not a batch. */
  public ValidationException(String field, Object value, String problem) {
    this(-1, field, value, problem);
  }

  private ValidationException(int index, String field, String quoted, String problem, boolean unused) {
    super(index, field, quoted, describe(index, field, quoted == null ? problem : quoted + " " + problem), null);
  }

  /** A required field was omitted (no value to quote). */
  public static ValidationException missing(int index, String field) {
    return new ValidationException(index, field, null, "is required", true);
  }

  /** A problem with the request as a whole or a field where quoting a value makes no sense. */
  public static ValidationException of(int index, String field, String problem) {
    return new ValidationException(index, field, null, problem, true);
  }
}
