package dev.governor;

/**
 * Which page of a list to return: {@code limit} items (1..100, default 20) after the opaque cursor
 * {@code after} (null for the first page). Immutable; validated by the call that receives it.
 *
 * @param limit the page size, 1..100
 * @param after the cursor from the previous page, or null
 */
public record PageRequest(int limit, String after) {
  /** The default page size. */
  public static final int DEFAULT_LIMIT = 20;
  /** The largest page size. */
  public static final int MAX_LIMIT = 100;

  /** The first page of the default size. */
  public static PageRequest first() {
    return new PageRequest(DEFAULT_LIMIT, null);
  }

  /** The first page of {@code limit} items. */
  public static PageRequest first(int limit) {
    return new PageRequest(limit, null);
  }

  /** The page of the default size after {@code cursor}. */
  public static PageRequest after(String cursor) {
    return new PageRequest(DEFAULT_LIMIT, cursor);
  }

  /** This request with another page size. */
  public PageRequest withLimit(int limit) {
    return new PageRequest(limit, after);
  }

  /** This request continuing after {@code cursor}. */
  public PageRequest withAfter(String cursor) {
    return new PageRequest(limit, cursor);
  }
}
