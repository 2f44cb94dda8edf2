package dev.governor;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list or query: the items in a stable order and opaque cursors to the pages around
 * it. Pass {@code nextCursor} as {@code after} for the next page and {@code prevCursor} as
 * {@code before} for the previous one. Immutable.
 *
 * <p>{@code nextCursor} is null on the last page. {@code prevCursor} is null on the first page
 * (one asked for without a cursor, or a backward page that reached the start); a page asked for
 * after a cursor has one as soon as it has items, since the items before it were there when that
 * cursor was issued.
 *
 * @param items the items of this page (unmodifiable)
 * @param nextCursor the cursor of the next page, or null when this is the last page
 * @param prevCursor the cursor of the previous page, or null when this is the first page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, String nextCursor, String prevCursor) {
  public Page {
    items = List.copyOf(items);
  }

  /** A page without a previous one. */
  public Page(List<T> items, String nextCursor) {
    this(items, nextCursor, null);
  }

  /** The cursor of the next page, empty on the last page. */
  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }

  /** The cursor of the previous page, empty on the first page. */
  public Optional<String> previous() {
    return Optional.ofNullable(prevCursor);
  }

  /** True when another page follows. */
  public boolean hasNext() {
    return nextCursor != null;
  }

  /** True when a page comes before this one. */
  public boolean hasPrevious() {
    return prevCursor != null;
  }
}
