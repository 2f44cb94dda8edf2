package dev.governor.catalog;

import dev.governor.ValidationException;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** Builds the canonical form of a scope: an unmodifiable sorted set without duplicates. */
final class ScopeSet {
  private static final SortedSet<String> EMPTY = Collections.unmodifiableSortedSet(new TreeSet<>());

  private ScopeSet() {}

  /**
   * The sorted set of {@code ids} (null or empty: no scope).
   *
   * @throws ValidationException naming {@code scopeEntityIds[j]} for a null id, which a sorted set
   *     cannot hold and no entity has
   */
  static Set<String> of(Collection<String> ids) {
    if (ids == null || ids.isEmpty()) {
      return EMPTY;
    }
    TreeSet<String> sorted = new TreeSet<>();
    int j = 0;
    for (String id : ids) {
      if (id == null) {
        throw new ValidationException("scopeEntityIds[" + j + "]", null, "must be an entity id, not null");
      }
      sorted.add(id);
      j++;
    }
    return Collections.unmodifiableSortedSet(sorted);
  }
}
