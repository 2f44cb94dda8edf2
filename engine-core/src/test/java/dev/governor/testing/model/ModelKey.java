package dev.governor.testing.model;

import dev.governor.catalog.AssignmentKey;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The models' natural key of an assignment: scope kept as a sorted list without duplicates, and the
 * documented list order (entity, capability, scope element by element, a prefix first, so node-wide
 * comes first) written here rather than borrowed from the engine's comparator. Immutable and
 * thread-safe.
 */
public record ModelKey(String entityId, String capabilityId, List<String> scope) {
  public static final Comparator<ModelKey> ORDER = (a, b) -> {
    int c = a.entityId.compareTo(b.entityId);
    if (c != 0) {
      return c;
    }
    c = a.capabilityId.compareTo(b.capabilityId);
    if (c != 0) {
      return c;
    }
    int n = Math.min(a.scope.size(), b.scope.size());
    for (int i = 0; i < n; i++) {
      c = a.scope.get(i).compareTo(b.scope.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.scope.size(), b.scope.size());
  };

  public ModelKey {
    // Node-wide keys are the common case (and every range bound): no set to build for them.
    scope = scope.isEmpty() ? List.of() : List.copyOf(new TreeSet<>(scope));
  }

  /** The key of an engine key whose ids are all non-null (validate them first). */
  public static ModelKey of(AssignmentKey key) {
    return new ModelKey(key.entityId(), key.capabilityId(), List.copyOf(key.scopeEntityIds()));
  }

  public AssignmentKey toKey() {
    return AssignmentKey.of(entityId, capabilityId, scope);
  }
}
