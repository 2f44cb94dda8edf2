package dev.governor.internal;

import dev.governor.spi.OwnerSnapshot;
import dev.governor.spi.StoredAssignment;
import java.util.List;

/**
 * The engine's compiled state of one entity: its own assignments compiled (shared by every plan that
 * includes them, so their cached period windows and counter handles are shared too), and the cached
 * plan of each capability asked about. Both are replaced, never mutated, so lookups take no lock.
 * Thread-safe.
 */
final class EntityRuntime {
  private static final CompiledAssignment[] NONE = new CompiledAssignment[0];

  /**
   * A {@link Plan} for the common single-capability case, else a {@code Plan[]}; null when none. A
   * plain field: plans are immutable (final fields), a reader sees a whole one or a stale one, and a
   * stale plan fails the catalog-version test and is recompiled.
   */
  private Object plans;
  private volatile CompiledAssignment[] own = NONE;

  /** The cached plan for {@code capabilityId}, or null. */
  Plan plan(String capabilityId) {
    Object p = plans;
    if (p instanceof Plan single) {
      return single.capabilityId.equals(capabilityId) ? single : null;
    }
    if (p != null) {
      for (Plan plan : (Plan[]) p) {
        if (plan.capabilityId.equals(capabilityId)) {
          return plan;
        }
      }
    }
    return null;
  }

  synchronized void put(Plan plan) {
    Object p = plans;
    if (p == null || (p instanceof Plan single && single.capabilityId.equals(plan.capabilityId))) {
      plans = plan;
      return;
    }
    Plan[] current = p instanceof Plan single ? new Plan[] {single} : (Plan[]) p;
    for (int i = 0; i < current.length; i++) {
      if (current[i].capabilityId.equals(plan.capabilityId)) {
        Plan[] copy = current.clone();
        copy[i] = plan;
        plans = copy;
        return;
      }
    }
    Plan[] copy = java.util.Arrays.copyOf(current, current.length + 1);
    copy[current.length] = plan;
    plans = copy;
  }

  /**
   * The compiled form of this entity's assignments in {@code snapshot}, reusing every compiled
   * budget whose stored assignment is unchanged (so its cached period window is kept).
   */
  CompiledAssignment[] compile(OwnerSnapshot snapshot, String entityId) {
    List<StoredAssignment> assignments = snapshot.assignmentsOf(entityId);
    CompiledAssignment[] before = own;
    if (before.length == assignments.size()) {
      boolean same = true;
      for (int i = 0; i < before.length && same; i++) {
        same = before[i].source.equals(assignments.get(i));
      }
      if (same) {
        return before;
      }
    }
    // Matched by id through a map, so an entity with many budgets recompiles in linear time.
    java.util.Map<java.util.UUID, CompiledAssignment> previous = new java.util.HashMap<>(before.length * 2);
    for (CompiledAssignment b : before) {
      previous.put(b.source.id(), b);
    }
    CompiledAssignment[] after = assignments.isEmpty() ? NONE : new CompiledAssignment[assignments.size()];
    for (int i = 0; i < after.length; i++) {
      StoredAssignment a = assignments.get(i);
      CompiledAssignment reuse = previous.get(a.id());
      after[i] = reuse != null && reuse.source.equals(a) ? reuse : new CompiledAssignment(a, snapshot.counter(a.id()));
    }
    own = after;
    return after;
  }
}
