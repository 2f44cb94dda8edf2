package dev.governor;

/**
 * Which page of a list to return: {@code limit} items (1..100, default 20) right after the opaque
 * cursor {@code after}, or right before the cursor {@code before}; neither means the first page.
 * Cursors come from a {@link Page} of the same list: its {@code nextCursor} as {@code after}, its
 * {@code prevCursor} as {@code before}. Immutable; validated by the call that receives it (giving
 * both cursors is a validation error on {@code before}).
 *
 * @param limit the page size, 1..100
 * @param after the page starts right after this cursor, or null
 * @param before the page ends right before this cursor, or null
 */
public record PageRequest(int limit, String after, String before) {
  /** The default page size. */
  public static final int DEFAULT_LIMIT = 20;
  /** The largest page size. */
  public static final int MAX_LIMIT = 100;

  /** A forward request: {@code limit} items after {@code after} (null: the first page). */
  public PageRequest(int limit, String after) {
    this(limit, after, null);
  }

  /** The first page of the default size. */
  public static PageRequest first() {
    return new PageRequest(DEFAULT_LIMIT, null, null);
  }

  /** The first page of {@code limit} items. */
  public static PageRequest first(int limit) {
    return new PageRequest(limit, null, null);
  }

  /** The page of the default size after {@code cursor}. */
  public static PageRequest after(String cursor) {
    return new PageRequest(DEFAULT_LIMIT, cursor, null);
  }

  /** The page of the default size before {@code cursor}. */
  public static PageRequest before(String cursor) {
    return new PageRequest(DEFAULT_LIMIT, null, cursor);
  }

  /** This request with another page size. */
  public PageRequest withLimit(int limit) {
    return new PageRequest(limit, after, before);
  }

  /** This request continuing after {@code cursor} (and no longer before any). */
  public PageRequest withAfter(String cursor) {
    return new PageRequest(limit, cursor, null);
  }

  /** This request ending before {@code cursor} (and no longer after any). */
  public PageRequest withBefore(String cursor) {
    return new PageRequest(limit, null, cursor);
  }
}
