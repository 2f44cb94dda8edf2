package dev.governor.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who a check, consume or ingest is about: either entity ids (1..100, each must exist) or dimensions
 * (attribution key to entity id, 1..100 entries; unknown keys, unknown values and type mismatches
 * are reported as unresolved, not as errors) — never both. Immutable.
 *
 * @param entityIds the entities named directly, or an empty list
 * @param dimensions the dimensions, or an empty map
 */
public record Subject(List<String> entityIds, Map<String, String> dimensions) {
  public Subject {
    entityIds = entityIds == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(entityIds));
    dimensions = dimensions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
  }

  /** One entity. */
  public static Subject entity(String entityId) {
    return new Subject(Collections.singletonList(entityId), Map.of());
  }

  /** Several entities; order decides the order of the reported budgets among equally deep chains. */
  public static Subject entities(String... entityIds) {
    return new Subject(entityIds == null ? null : Arrays.asList(entityIds), Map.of());
  }

  /** Several entities. */
  public static Subject entities(List<String> entityIds) {
    return new Subject(entityIds, Map.of());
  }

  /** Dimensions such as {@code {orgId: "org-acme", modelId: "gpt-4o"}}. */
  public static Subject dimensions(Map<String, String> dimensions) {
    return new Subject(List.of(), dimensions);
  }

  /** True when the subject names entities directly. */
  public boolean byEntityIds() {
    return !entityIds.isEmpty();
  }
}
