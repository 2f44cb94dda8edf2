package dev.governor.internal;

import dev.governor.Page;
import java.util.List;
import java.util.function.Function;

/** Turns "limit + 1 rows" into a page with a next cursor. Stateless and thread-safe. */
final class Paging {
  private Paging() {}

  /** {@code rows} holds up to {@code limit + 1} items; the extra one only says that more follow. */
  static <T> Page<T> page(List<T> rows, int limit, Function<T, String> cursorAfter) {
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<T> items = rows.subList(0, limit);
    return new Page<>(items, cursorAfter.apply(items.get(limit - 1)));
  }
}
