package dev.governor.internal;

import dev.governor.ValidationException;
import java.util.List;

/** Checks the shape of batch inputs before any item is looked at. Stateless and thread-safe. */
final class Batches {
  static final int MAX_CATALOG_BATCH = 100;

  private Batches() {}

  /** Throws unless {@code items} holds 1..max non-null items. */
  static <T> List<T> require(String field, List<T> items, int max) {
    if (items == null) {
      throw ValidationException.of(-1, field, "must not be null");
    }
    int n;
    try {
      n = items.size();
    } catch (RuntimeException e) {
      throw ValidationException.of(-1, field, "could not be read: " + e);
    }
    if (n < 1 || n > max) {
      throw ValidationException.of(-1, field, "must hold between 1 and " + max + " items, had " + n);
    }
    for (int i = 0; i < n; i++) {
      if (items.get(i) == null) {
        throw ValidationException.of(i, field, "item must not be null");
      }
    }
    return items;
  }

  static <T> List<T> require(String field, List<T> items) {
    return require(field, items, MAX_CATALOG_BATCH);
  }
}
