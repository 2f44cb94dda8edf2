package dev.governor.bench;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.storage.memory.MemoryStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the catalog shapes the benchmarks measure: an owner with a chain of {@code depth} levels
 * (level 0 is the root, the leaf is the last level), each level holding one node-wide budget and
 * {@code scoped} scoped budgets. Scoped budgets are scoped to entities on the chain, so that they
 * apply to a check of the leaf and the engine really evaluates them (a scope naming an entity the
 * request never resolves would be filtered out when the plan is compiled and cost nothing). With
 * depth 1 only one distinct chain scope exists, so the second scoped budget names an extra entity
 * and does not apply.
 */
final class Chain {
  static final String CAPABILITY = "ai-tokens";
  /** Large enough that consume keeps granting for the whole run. */
  static final long LIMIT = Long.MAX_VALUE / 4;

  private Chain() {}

  static GovernanceEngine engine(Clock clock) {
    GovernanceEngine engine = GovernanceEngine.builder().store(MemoryStore.create()).clock(clock).build();
    engine.entityTypes().upsert(List.of(
        EntityTypeUpsert.of("node").displayName("Node").attributionKeys("nodeId"),
        EntityTypeUpsert.of("tag").displayName("Tag").attributionKeys("tagId")));
    engine.capabilities().upsert(List.of(CapabilityUpsert.meter(CAPABILITY), CapabilityUpsert.meter("api-calls")));
    return engine;
  }

  /** Provisions a chain under {@code ownerId} with ids prefixed by {@code prefix}; returns the leaf id. */
  static String provision(GovernanceEngine engine, String ownerId, String prefix, int depth, int scoped) {
    return provision(engine, ownerId, prefix, depth, scoped, 0);
  }

  /** Like above, every budget with {@code thresholds} alert thresholds (0.5, 0.8, 1.0, then others; never reached here). */
  static String provision(GovernanceEngine engine, String ownerId, String prefix, int depth, int scoped, int thresholds) {
    List<EntityUpsert> entities = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int level = 0; level < depth; level++) {
      String id = prefix + "-l" + level;
      ids.add(id);
      EntityUpsert e = EntityUpsert.of(id).type("node");
      entities.add(level == 0 ? e : e.parent(ids.get(level - 1)));
    }
    entities.add(EntityUpsert.of(prefix + "-tag").type("tag"));
    engine.entities(ownerId).upsert(entities);
    List<AssignmentUpsert> budgets = new ArrayList<>();
    for (int level = 0; level < depth; level++) {
      String id = ids.get(level);
      budgets.add(AssignmentUpsert.of(id, CAPABILITY).usageLimit(LIMIT).cadence("P1M"));
      for (int j = 0; j < scoped; j++) {
        AssignmentUpsert s = AssignmentUpsert.of(id, CAPABILITY).usageLimit(LIMIT).cadence("P1M");
        budgets.add(j < depth ? s.scope(ids.get(j)) : s.scope(ids.get(0), prefix + "-tag"));
      }
    }
    if (thresholds > 0) {
      double[] fractions = java.util.Arrays.copyOf(new double[] {0.5, 0.8, 1.0, 0.9, 0.95, 0.25, 0.75, 0.6}, thresholds);
      budgets.replaceAll(b -> b.alertThresholds(fractions));
    }
    engine.assignments(ownerId).upsert(budgets);
    return ids.get(depth - 1);
  }
}
