package dev.governor.internal;

import dev.governor.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Turns "limit + 1 rows" read from a position into a page with its next and previous cursors. The
 * one extra row only says that more follow in the direction read. Stateless and thread-safe.
 */
final class Paging {
  private Paging() {}

  /**
   * A page from rows read at {@code at} (null: the first page): for a forward read, up to
   * {@code limit + 1} rows in list order after the position; for a backward read, up to
   * {@code limit + 1} rows before it, nearest first.
   */
  static <T> Page<T> page(List<T> rows, int limit, Cursors.Position at, Function<T, String> cursorOf) {
    return at != null && at.backward() ? backward(rows, limit, cursorOf) : forward(rows, limit, at != null, cursorOf);
  }

  /** Rows in list order; {@code fromCursor}: read after a cursor, so rows came before them. */
  static <T> Page<T> forward(List<T> rows, int limit, boolean fromCursor, Function<T, String> cursorOf) {
    List<T> items = rows.size() <= limit ? rows : rows.subList(0, limit);
    String next = rows.size() > limit ? cursorOf.apply(items.get(limit - 1)) : null;
    String prev = fromCursor && !items.isEmpty() ? cursorOf.apply(items.get(0)) : null;
    return new Page<>(items, next, prev);
  }

  /**
   * Rows before a cursor, nearest first. The page is the nearest {@code limit} in list order; the
   * row the cursor marks follows it, so it has a next cursor whenever it has items.
   */
  static <T> Page<T> backward(List<T> nearestFirst, int limit, Function<T, String> cursorOf) {
    List<T> items = new ArrayList<>(nearestFirst.size() <= limit ? nearestFirst : nearestFirst.subList(0, limit));
    Collections.reverse(items);
    String prev = nearestFirst.size() > limit ? cursorOf.apply(items.get(0)) : null;
    String next = items.isEmpty() ? null : cursorOf.apply(items.get(items.size() - 1));
    return new Page<>(items, next, prev);
  }
}
