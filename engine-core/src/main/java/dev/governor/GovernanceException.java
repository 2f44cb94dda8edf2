package dev.governor;

/**
 * Base of every exception the engine throws on purpose. A denied check or consume is never an
 * exception: it is a result with {@code hasAccess == false}.
 *
 * <p>Every subclass says which request item and field caused it: {@link #index()} is the position
 * of the offending item in a batch (or {@code -1} when the call was not a batch), {@link #field()}
 * names the field, and {@link #value()} is the offending value as the caller sent it, quoted and
 * shortened for safe logging (or {@code null} when no single value is at fault).
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public abstract class GovernanceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int index;
  private final String field;
  private final String value;

  protected GovernanceException(int index, String field, String value, String message, Throwable cause) {
    super(message, cause);
    this.index = index;
    this.field = field;
    this.value = value;
  }

  /** Position of the offending item in the batch, or {@code -1} when the call was not a batch. */
  public int index() {
    return index;
  }

  /** The field at fault, as a path such as {@code parentId} or {@code scopeEntityIds[2]}; may be null. */
  public String field() {
    return field;
  }

  /** The offending value, quoted and shortened for logging; null when no single value is at fault. */
  public String value() {
    return value;
  }

  static String describe(int index, String field, String detail) {
    StringBuilder sb = new StringBuilder();
    if (index >= 0) {
      sb.append("item ").append(index);
      if (field != null) {
        sb.append(", ");
      }
    }
    if (field != null) {
      sb.append("field ").append(field);
    }
    if (sb.length() > 0) {
      sb.append(": ");
    }
    return sb.append(detail).toString();
  }
}
