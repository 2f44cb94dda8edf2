package dev.governor.conformance.runtime;

import dev.governor.catalog.AssignmentKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Everything the reference model keeps for one owner. Mutable, test-thread only. */
final class ModelOwner {
  final String ownerId;
  final TreeMap<String, ModelEntity> entities = new TreeMap<>();
  final LinkedHashMap<AssignmentKey, ModelBudget> budgets = new LinkedHashMap<>();
  /** Idempotency key to the instant it was claimed. */
  final Map<String, Instant> claimedKeys = new HashMap<>();
  /** Moves whenever an entity or the set of budgets changes, i.e. whenever a resolution could. */
  int catalogVersion;

  ModelOwner(String ownerId) {
    this.ownerId = ownerId;
  }

  boolean hasChildren(String entityId) {
    return entities.values().stream().anyMatch(e -> entityId.equals(e.parentId));
  }

  int depth(String entityId) {
    int depth = 0;
    for (ModelEntity e = entities.get(entityId); e != null; e = e.parentId == null ? null : entities.get(e.parentId)) {
      depth++;
    }
    return depth;
  }

  List<ModelEntity> ofType(String typeId) {
    return entities.values().stream().filter(e -> e.typeId.equals(typeId)).collect(Collectors.toList());
  }

  List<ModelBudget> budgetsOf(String entityId) {
    return budgets.values().stream().filter(b -> b.entityId.equals(entityId)).collect(Collectors.toList());
  }
}
