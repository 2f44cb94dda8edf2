package dev.governor.storage.redis;

import dev.governor.GovernanceEngine;
import dev.governor.Page;
import dev.governor.PageRequest;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Capability;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityFilter;
import dev.governor.catalog.EntityType;
import dev.governor.runtime.BudgetReading;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Everything an engine can read back about the engine-wide catalog and one owner: every entity
 * type, capability, entity (archived ones too) and assignment, and every budget's current usage. Two
 * snapshots are equal exactly when nothing readable differs (ids, limits, scopes, parents,
 * timestamps, usage and periods), so comparing one taken before a restart with one taken after shows
 * that nothing was lost or changed. Immutable.
 *
 * @param types every entity type, in id order
 * @param capabilities every capability, in id order
 * @param entities every entity of the owner, archived ones included, in id order
 * @param assignments every assignment of the owner, in natural-key order
 * @param readings every assignment's usage reading, in the order of {@code assignments}
 */
record GovernanceSnapshot(List<EntityType> types, List<Capability> capabilities, List<Entity> entities,
    List<Assignment> assignments, List<BudgetReading> readings) {
  GovernanceSnapshot {
    types = List.copyOf(types);
    capabilities = List.copyOf(capabilities);
    entities = List.copyOf(entities);
    assignments = List.copyOf(assignments);
    readings = List.copyOf(readings);
  }

  /** Reads everything through {@code engine}, page by page. */
  static GovernanceSnapshot of(GovernanceEngine engine, String ownerId) {
    List<Assignment> assignments = all(page -> engine.assignments(ownerId).list(page));
    List<BudgetReading> readings = new ArrayList<>();
    for (Assignment a : assignments) {
      readings.add(engine.usage(ownerId, a.id())
          .orElseThrow(() -> new AssertionError("assignment " + a.key() + " is listed but has no usage reading")));
    }
    return new GovernanceSnapshot(
        all(page -> engine.entityTypes().list(page)),
        all(page -> engine.capabilities().list(page)),
        all(page -> engine.entities(ownerId).list(EntityFilter.all().includingArchived(), page)),
        assignments,
        readings);
  }

  /** The current usage of the budget with this natural key; fails if there is none. */
  long usage(String entityId, String capabilityId, String... scope) {
    AssignmentKey key = AssignmentKey.of(entityId, capabilityId, scope);
    return readings.stream()
        .filter(r -> r.entityId().equals(key.entityId()) && r.capabilityId().equals(key.capabilityId())
            && r.scopeEntityIds().equals(key.scopeEntityIds()))
        .findFirst().orElseThrow(() -> new AssertionError("no budget " + key + " in " + readings))
        .currentUsage();
  }

  private static <T> List<T> all(Function<PageRequest, Page<T>> list) {
    List<T> items = new ArrayList<>();
    PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
    while (true) {
      Page<T> page = list.apply(request);
      items.addAll(page.items());
      if (!page.hasNext()) {
        return items;
      }
      request = request.withAfter(page.nextCursor());
    }
  }
}
