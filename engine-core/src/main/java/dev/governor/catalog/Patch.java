package dev.governor.catalog;

import java.util.Objects;

/**
 * One field of an upsert: either <em>keep</em> (the field was not sent, the stored value stays) or
 * <em>set</em> to a value, where a {@code null} value means "clear" for the fields that allow it
 * (an entity's parent, an assignment's limit). Upsert records use it so that "not sent" and
 * "sent as null" stay distinct without callers ever passing nulls: their fluent methods build it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the field's type
 */
public final class Patch<T> {
  private static final Patch<?> KEEP = new Patch<>(false, null);

  private final boolean present;
  private final T value;

  private Patch(boolean present, T value) {
    this.present = present;
    this.value = value;
  }

  /** The field was not sent: keep what is stored. */
  @SuppressWarnings("unchecked")
  public static <T> Patch<T> keep() {
    return (Patch<T>) KEEP;
  }

  /** The field was sent with this value; {@code null} clears the field where that is allowed. */
  public static <T> Patch<T> set(T value) {
    return new Patch<>(true, value);
  }

  /** True when the field was not sent. */
  public boolean isKeep() {
    return !present;
  }

  /** True when the field was sent (with a value or with null). */
  public boolean isSet() {
    return present;
  }

  /** The value sent; null when it was sent as null or not sent at all. */
  public T value() {
    return value;
  }

  /** The value sent, or {@code fallback} when the field was not sent. */
  public T orElse(T fallback) {
    return present ? value : fallback;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Patch<?> other && present == other.present && Objects.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return present ? 31 + Objects.hashCode(value) : 0;
  }

  @Override
  public String toString() {
    return present ? "set(" + value + ")" : "keep";
  }

  static <T> Patch<T> orKeep(Patch<T> patch) {
    return patch == null ? keep() : patch;
  }
}
