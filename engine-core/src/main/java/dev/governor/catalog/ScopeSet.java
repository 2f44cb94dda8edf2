package dev.governor.catalog;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** Builds the canonical form of a scope: an unmodifiable sorted set without duplicates. */
final class ScopeSet {
  private static final SortedSet<String> EMPTY = Collections.unmodifiableSortedSet(new TreeSet<>());

  private ScopeSet() {}

  static Set<String> of(Collection<String> ids) {
    if (ids == null || ids.isEmpty()) {
      return EMPTY;
    }
    return Collections.unmodifiableSortedSet(new TreeSet<>(ids));
  }
}
