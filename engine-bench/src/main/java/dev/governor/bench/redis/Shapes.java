package dev.governor.bench.redis;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.runtime.UsageEvent;
import dev.governor.spi.GovernanceStore;
import dev.governor.storage.redis.RedisStore;
import io.github.bucket4j.BucketConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The catalog shapes of the Redis benchmarks, built the way {@code dev.governor.bench.Chain} and
 * {@code CatalogBenchmark} build theirs for the memory store (same types, capability, limits,
 * cadence and scope choice), so that the numbers can be read next to theirs; any store.
 */
final class Shapes {
  static final String CAPABILITY = "ai-tokens";
  /** Large enough that consume keeps granting for the whole run. */
  static final long LIMIT = Long.MAX_VALUE / 4;
  /** Budgets of the query shape. */
  static final int BUDGETS = 10_000;

  private Shapes() {}

  /**
   * A {@link RedisStore} as shipped but for its timeout: 10 s instead of 1 s, so that a pause of a
   * loaded 2-core machine fails no call (a failed call would end the run). The timeout only bounds
   * a wait, so it costs nothing on the measured path.
   */
  static RedisStore redisStore(String uri, boolean batching) {
    return RedisStore.builder().uri(uri).batching(batching).timeout(Duration.ofSeconds(10)).build();
  }

  /** An engine over {@code store}, with the engine-wide catalog the shapes need written to it. */
  static GovernanceEngine engine(GovernanceStore store) {
    GovernanceEngine engine = GovernanceEngine.builder().store(store).clock(Clock.systemUTC()).build();
    engine.entityTypes().upsert(List.of(
        EntityTypeUpsert.of("node").displayName("Node").attributionKeys("nodeId"),
        EntityTypeUpsert.of("tag").displayName("Tag").attributionKeys("tagId")));
    engine.capabilities().upsert(List.of(CapabilityUpsert.meter(CAPABILITY), CapabilityUpsert.meter("api-calls")));
    return engine;
  }

  /**
   * A chain {@code ids[0]} (root) → … → {@code ids[last]} (the leaf, returned), each level with one
   * node-wide budget and {@code scoped} budgets scoped to entities on the chain (so a consume of
   * the leaf really evaluates them), exactly as {@code Chain.provision} lays them out.
   */
  static String chain(GovernanceEngine engine, String ownerId, List<String> ids, int scoped) {
    int depth = ids.size();
    String tag = ids.get(0) + "-tag";
    List<EntityUpsert> entities = new ArrayList<>();
    for (int level = 0; level < depth; level++) {
      EntityUpsert e = EntityUpsert.of(ids.get(level)).type("node");
      entities.add(level == 0 ? e : e.parent(ids.get(level - 1)));
    }
    entities.add(EntityUpsert.of(tag).type("tag"));
    engine.entities(ownerId).upsert(entities);
    List<AssignmentUpsert> budgets = new ArrayList<>();
    for (String id : ids) {
      budgets.add(AssignmentUpsert.of(id, CAPABILITY).usageLimit(LIMIT).cadence("P1M"));
      for (int j = 0; j < scoped; j++) {
        AssignmentUpsert s = AssignmentUpsert.of(id, CAPABILITY).usageLimit(LIMIT).cadence("P1M");
        budgets.add(j < depth ? s.scope(ids.get(j)) : s.scope(ids.get(0), tag));
      }
    }
    engine.assignments(ownerId).upsert(budgets);
    return ids.get(depth - 1);
  }

  /**
   * {@code users} users, each with a node-wide budget, under one team under one org (both with a
   * node-wide budget): every consume of a user also charges the shared team and org budgets.
   * Returns the users' ids.
   */
  static String[] sharedOrg(GovernanceEngine engine, String ownerId, int users) {
    String team = chain(engine, ownerId, List.of("org", "team"), 0);
    String[] ids = new String[users];
    List<EntityUpsert> entities = new ArrayList<>();
    List<AssignmentUpsert> budgets = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      ids[u] = "user-" + u;
      entities.add(EntityUpsert.of(ids[u]).type("node").parent(team));
      budgets.add(AssignmentUpsert.of(ids[u], CAPABILITY).usageLimit(LIMIT).cadence("P1M"));
    }
    engine.entities(ownerId).upsert(entities);
    engine.assignments(ownerId).upsert(budgets);
    return ids;
  }

  /**
   * One org with {@link #BUDGETS} users, each with a budget of 1,000,000 holding random usage
   * (seed 7): {@code CatalogBenchmark.Budgets}' shape, so the same seed gives the same rows on any store.
   */
  static void tenThousandBudgets(GovernanceEngine engine, String ownerId) {
    SplittableRandom random = new SplittableRandom(7);
    engine.entities(ownerId).upsert(List.of(EntityUpsert.of("org").type("node")));
    for (int b = 0; b < BUDGETS; b += 100) {
      List<EntityUpsert> users = new ArrayList<>();
      List<AssignmentUpsert> budgets = new ArrayList<>();
      List<UsageEvent> usage = new ArrayList<>();
      for (int i = b; i < b + 100; i++) {
        users.add(EntityUpsert.of("user-" + i).type("node").parent("org").displayName("User " + i));
        budgets.add(AssignmentUpsert.of("user-" + i, CAPABILITY).usageLimit(1_000_000).cadence("P1M"));
        usage.add(UsageEvent.of("user-" + i, CAPABILITY, 1 + random.nextInt(1_000_000)));
      }
      engine.entities(ownerId).upsert(users);
      engine.assignments(ownerId).upsert(budgets);
      engine.ingest(ownerId, usage);
    }
  }

  /**
   * Bucket4j's bucket of the comparisons: the local baseline's ({@code BaselineBenchmark}), one
   * token per nanosecond up to 10^12, so {@code tryConsume(1)} always succeeds like the engine's
   * budgets here.
   */
  static BucketConfiguration hugeBucket() {
    return BucketConfiguration.builder()
        .addLimit(limit -> limit.capacity(1_000_000_000_000L).refillGreedy(1_000_000_000L, Duration.ofSeconds(1)))
        .build();
  }
}
