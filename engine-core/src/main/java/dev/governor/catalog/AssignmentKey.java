package dev.governor.catalog;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Set;

/**
 * The natural key of an assignment inside one owner: entity, capability and scope (as a set, so
 * order and duplicates do not matter). Immutable.
 *
 * @param entityId the entity holding the budget
 * @param capabilityId the capability it limits
 * @param scopeEntityIds the scope, sorted; empty for a node-wide budget
 */
public record AssignmentKey(String entityId, String capabilityId, Set<String> scopeEntityIds) {
  public AssignmentKey {
    scopeEntityIds = ScopeSet.of(scopeEntityIds);
  }

  /** The node-wide budget of an entity for a capability. */
  public static AssignmentKey of(String entityId, String capabilityId) {
    return new AssignmentKey(entityId, capabilityId, Set.of());
  }

  /** A scoped budget; order and duplicates in {@code scope} do not matter. */
  public static AssignmentKey of(String entityId, String capabilityId, String... scope) {
    // A null array is one null id, so the caller gets the same typed error as for a null element.
    return new AssignmentKey(entityId, capabilityId, ScopeSet.of(scope == null ? Collections.singletonList(null) : Arrays.asList(scope)));
  }

  /** A scoped budget; order and duplicates in {@code scope} do not matter. */
  public static AssignmentKey of(String entityId, String capabilityId, Collection<String> scope) {
    return new AssignmentKey(entityId, capabilityId, ScopeSet.of(scope));
  }

  /**
   * The order lists use: entity id, then capability id, then scope (element by element over the
   * sorted ids, a shorter scope first when one is a prefix of the other, so node-wide comes first).
   */
  public static Comparator<AssignmentKey> naturalOrder() {
    return NATURAL_ORDER;
  }

  /** Compares two sorted scope sets as {@link #naturalOrder()} does. */
  public static int compareScopes(Set<String> a, Set<String> b) {
    Iterator<String> ia = a.iterator();
    Iterator<String> ib = b.iterator();
    while (ia.hasNext() && ib.hasNext()) {
      int c = ia.next().compareTo(ib.next());
      if (c != 0) {
        return c;
      }
    }
    return Boolean.compare(ia.hasNext(), ib.hasNext());
  }

  private static final Comparator<AssignmentKey> NATURAL_ORDER =
      Comparator.comparing(AssignmentKey::entityId)
          .thenComparing(AssignmentKey::capabilityId)
          .thenComparing(AssignmentKey::scopeEntityIds, AssignmentKey::compareScopes);
}
