package dev.governor;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list or query: the items in a stable order and, when more follow, an opaque cursor
 * to pass as {@code after} to get the next page. Immutable.
 *
 * @param items the items of this page (unmodifiable)
 * @param nextCursor the cursor of the next page, or null when this is the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, String nextCursor) {
  public Page {
    items = List.copyOf(items);
  }

  /** The cursor of the next page, empty on the last page. */
  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }

  /** True when another page follows. */
  public boolean hasNext() {
    return nextCursor != null;
  }
}
