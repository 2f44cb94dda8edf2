package dev.governor.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult.Status;
import dev.governor.storage.redis.testing.RedisServer;
import dev.governor.storage.redis.testing.SharedRedis;
import dev.governor.testing.FakeClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 §3: on a local 3-master Redis Cluster the store runs unchanged. Owners spread over the
 * masters (each owner's keys share one hash tag, so each script touches one slot), and every
 * decision works for every owner: grants, denials at the limit and idempotent retries.
 */
class RedisClusterTest {
  private static final int OWNERS = 24;

  @Test
  void consume_manyOwnersOnThreeMasters_ownersSpreadAndEveryDecisionWorks() {
    String prefix = SharedRedis.freshPrefix();
    try (RedisStore store = ClusterStores.withPrefix(prefix)) {
      GovernanceEngine engine = GovernanceEngine.builder().store(store).clock(FakeClock.atDefaultStart()).build();
      engine.entityTypes().upsert(List.of(EntityTypeUpsert.of("org").displayName("Org").attributionKeys("orgId"),
          EntityTypeUpsert.of("user").displayName("User").attributionKeys("userId")));
      engine.capabilities().upsert(List.of(CapabilityUpsert.meter("ai-tokens")));

      for (int o = 0; o < OWNERS; o++) {
        String owner = "cus-" + o;
        engine.entities(owner).upsert(List.of(EntityUpsert.of("org-1").type("org"),
            EntityUpsert.of("user-1").type("user").parent("org-1")));
        engine.assignments(owner).upsert(List.of(AssignmentUpsert.of("org-1", "ai-tokens").usageLimit(10L).cadence("P1M")));

        assertThat(engine.consume(owner, ConsumeRequest.of("user-1", "ai-tokens", 6).idempotencyKey("k")).status())
            .isEqualTo(Status.GRANTED);
        assertThat(engine.consume(owner, ConsumeRequest.of("user-1", "ai-tokens", 6).idempotencyKey("k")).status())
            .isEqualTo(Status.DUPLICATE);
        assertThat(engine.consume(owner, ConsumeRequest.of("user-1", "ai-tokens", 5)).status()).isEqualTo(Status.DENIED);
        assertThat(engine.tryConsume(owner, "user-1", "ai-tokens", 4)).isTrue();
        assertThat(engine.isAllowed(owner, "user-1", "ai-tokens", 1)).isFalse();
      }

      for (RedisServer node : ClusterStores.cluster().nodes()) {
        long ownersHere = countOwners(node, prefix);
        assertThat(ownersHere).as("owners whose keys live on master %s", node.port()).isPositive();
      }
    }
  }

  @Test
  void consume_functionsFlushedOnEveryMaster_reloadsTheLibraryAndServesEveryOwner() {
    String prefix = SharedRedis.freshPrefix();
    try (RedisStore store = ClusterStores.withPrefix(prefix)) {
      GovernanceEngine engine = GovernanceEngine.builder().store(store).clock(FakeClock.atDefaultStart()).build();
      engine.entityTypes().upsert(List.of(EntityTypeUpsert.of("user").displayName("User").attributionKeys("userId")));
      engine.capabilities().upsert(List.of(CapabilityUpsert.meter("ai-tokens")));
      for (int o = 0; o < OWNERS; o++) {
        String owner = "cus-" + o;
        engine.entities(owner).upsert(List.of(EntityUpsert.of("user-1").type("user")));
        engine.assignments(owner).upsert(List.of(AssignmentUpsert.of("user-1", "ai-tokens").usageLimit(10L).cadence("P1M")));
        assertThat(engine.tryConsume(owner, "user-1", "ai-tokens", 6)).isTrue();
      }

      for (RedisServer node : ClusterStores.cluster().nodes()) {
        node.cli("FUNCTION", "FLUSH");
        assertThat(node.cli("FUNCTION", "LIST")).as("master %s after the flush", node.port()).doesNotContain(Script.FUNCTION);
      }

      for (int o = 0; o < OWNERS; o++) {
        String owner = "cus-" + o;
        assertThat(engine.tryConsume(owner, "user-1", "ai-tokens", 5)).as("owner %s past its limit", owner).isFalse();
        assertThat(engine.tryConsume(owner, "user-1", "ai-tokens", 4)).as("owner %s within its limit", owner).isTrue();
      }
      for (RedisServer node : ClusterStores.cluster().nodes()) {
        assertThat(node.cli("FUNCTION", "LIST")).as("master %s, reloaded", node.port()).contains(Script.FUNCTION);
      }
    }
  }

  /** Owner meta keys under the prefix on one node (each owner has exactly one). */
  private static long countOwners(RedisServer node, String prefix) {
    String out = node.cli("--scan", "--pattern", prefix + "{o*}:m");
    return out.isBlank() ? 0 : out.lines().count();
  }
}
