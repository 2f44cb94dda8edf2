package dev.governor.storage.redis;

import static dev.governor.storage.redis.OrgTree.ORG;
import static dev.governor.storage.redis.OrgTree.OWNER;
import static dev.governor.storage.redis.OrgTree.TEAM_A;
import static dev.governor.storage.redis.OrgTree.TEAM_B;
import static dev.governor.storage.redis.OrgTree.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult.Status;
import dev.governor.runtime.EventResult.Outcome;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import dev.governor.storage.redis.testing.RedisServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The store keeps everything in Redis and nothing in the engines: a catalog (types, capabilities,
 * entities with metadata and an archived one, node-wide, scoped, unlimited and anchored budgets) and
 * usage (consumes by entity and by dimensions, a keyless gate, an ingest batch) written through two
 * engines is read back whole by a new store and engine after every engine and store was closed,
 * both when the server was restarted in between (stopped gracefully, reloaded from its AOF) and
 * when it kept running. Idempotency keys survive too: retrying the keyed calls counts nothing again.
 */
class RedisRestartTest {
  private static final String PREFIX = "restart:";
  private static final String CALLS = "api-calls";
  private static final String MODEL = "model-x";
  private static final OrgTree TREE = OrgTree.roomy();

  private static final ConsumeRequest CONSUME_BY_ID = ConsumeRequest.of("user-a1", TOKENS, 100).idempotencyKey("c-1");
  private static final ConsumeRequest CONSUME_BY_DIMENSIONS = ConsumeRequest.of(
      Subject.dimensions(Map.of("userId", "user-a2", "modelId", MODEL)), TOKENS, 40).idempotencyKey("c-2");
  private static final List<UsageEvent> EVENTS = List.of(
      UsageEvent.of("user-b2", TOKENS, 25).idempotencyKey("e-1"),
      UsageEvent.of("user-a1", CALLS, 3).idempotencyKey("e-2"));

  @Test
  void restartedServer_newStoreAndEngine_seeCatalogUsageAndIdempotencyKeys() {
    try (RedisServer server = RedisServer.appendFsyncAlways()) {
      String runIdBefore = runId(server);
      GovernanceSnapshot before = writeThroughTwoEnginesThenClose(server);

      server.restart();

      assertThat(runId(server)).as("a new server process, so what follows was reloaded from disk").isNotEqualTo(runIdBefore);
      assertNewEngineSeesEverything(server, before);
    }
  }

  @Test
  void runningServer_newStoreAndEngine_seeCatalogUsageAndIdempotencyKeys() {
    try (RedisServer server = RedisServer.plain()) {
      GovernanceSnapshot before = writeThroughTwoEnginesThenClose(server);

      assertNewEngineSeesEverything(server, before);
    }
  }

  /** Builds the catalog and the usage through two engines on two connections; returns what they read. */
  private static GovernanceSnapshot writeThroughTwoEnginesThenClose(RedisServer server) {
    try (RedisStore firstStore = store(server); RedisStore secondStore = store(server)) {
      GovernanceEngine first = engine(firstStore);
      GovernanceEngine second = engine(secondStore);
      TREE.install(first);
      second.entityTypes().upsert(List.of(EntityTypeUpsert.of("model").displayName("Model").attributionKeys("modelId")));
      second.capabilities().upsert(List.of(CapabilityUpsert.meter(CALLS)));
      second.entities(OWNER).upsert(List.of(
          EntityUpsert.of(MODEL).type("model").displayName("Model X").metadata("vendor", "acme"),
          EntityUpsert.of("user-gone").type("user").parent(TEAM_B)));
      second.entities(OWNER).archive(List.of("user-gone"));
      second.assignments(OWNER).upsert(List.of(
          AssignmentUpsert.of(TEAM_A, TOKENS).scope(MODEL).usageLimit(700).cadence("P1M"),
          AssignmentUpsert.of(ORG, CALLS).unlimited().cadence("P1D"),
          AssignmentUpsert.of("user-a1", CALLS).usageLimit(50).cadence("P1W").anchor(Instant.parse("2026-03-02T09:30:00Z"))));

      assertThat(first.consume(OWNER, CONSUME_BY_ID).status()).isEqualTo(Status.GRANTED);
      assertThat(second.consume(OWNER, CONSUME_BY_DIMENSIONS).status()).isEqualTo(Status.GRANTED);
      assertThat(first.tryConsume(OWNER, "user-b1", TOKENS, 10)).isTrue();
      assertThat(second.ingest(OWNER, EVENTS).count(Outcome.RECORDED)).isEqualTo(2);

      GovernanceSnapshot snapshot = GovernanceSnapshot.of(first, OWNER);
      assertThat(GovernanceSnapshot.of(second, OWNER)).as("both engines read the same state").isEqualTo(snapshot);
      // The snapshot holds what was written, so comparing it later proves something.
      assertThat(snapshot.types()).hasSize(4);
      assertThat(snapshot.capabilities()).hasSize(2);
      assertThat(snapshot.entities()).hasSize(TREE.entityIds().size() + 2);
      assertThat(snapshot.assignments()).hasSize(TREE.entityIds().size() + 3);
      assertThat(snapshot.usage(ORG, TOKENS)).isEqualTo(100 + 40 + 10 + 25);
      assertThat(snapshot.usage(TEAM_A, TOKENS)).isEqualTo(100 + 40);
      assertThat(snapshot.usage(TEAM_A, TOKENS, MODEL)).isEqualTo(40);
      assertThat(snapshot.usage("user-b1", TOKENS)).isEqualTo(10);
      assertThat(snapshot.usage("user-a1", CALLS)).isEqualTo(3);
      assertThat(snapshot.usage(ORG, CALLS)).isEqualTo(3);
      return snapshot;
    }
  }

  private static void assertNewEngineSeesEverything(RedisServer server, GovernanceSnapshot before) {
    try (RedisStore store = store(server)) {
      GovernanceEngine engine = engine(store);

      GovernanceSnapshot after = GovernanceSnapshot.of(engine, OWNER);
      assertThat(after.types()).as("entity types").isEqualTo(before.types());
      assertThat(after.capabilities()).as("capabilities").isEqualTo(before.capabilities());
      assertThat(after.entities()).as("entities").isEqualTo(before.entities());
      assertThat(after.assignments()).as("assignments").isEqualTo(before.assignments());
      assertThat(after.readings()).as("usage of every budget").isEqualTo(before.readings());

      assertThat(engine.consume(OWNER, CONSUME_BY_ID).status()).as("retried consume by id").isEqualTo(Status.DUPLICATE);
      assertThat(engine.consume(OWNER, CONSUME_BY_DIMENSIONS).status()).as("retried consume by dimensions")
          .isEqualTo(Status.DUPLICATE);
      assertThat(engine.ingest(OWNER, EVENTS).count(Outcome.DUPLICATE)).as("retried events").isEqualTo(2);
      assertThat(GovernanceSnapshot.of(engine, OWNER)).as("the retries counted nothing").isEqualTo(before);

      // And the store serves on: a new key counts once, at every level of its chain.
      ConsumeRequest fresh = ConsumeRequest.of("user-a3", TOKENS, 7).idempotencyKey("c-3");
      assertThat(engine.consume(OWNER, fresh).status()).isEqualTo(Status.GRANTED);
      GovernanceSnapshot last = GovernanceSnapshot.of(engine, OWNER);
      assertThat(last.usage(ORG, TOKENS)).isEqualTo(before.usage(ORG, TOKENS) + 7);
      assertThat(last.usage(TEAM_A, TOKENS)).isEqualTo(before.usage(TEAM_A, TOKENS) + 7);
      assertThat(last.usage("user-a3", TOKENS)).isEqualTo(before.usage("user-a3", TOKENS) + 7);
    }
  }

  private static String runId(RedisServer server) {
    return server.cli("INFO", "server").lines().filter(l -> l.startsWith("run_id:")).findFirst()
        .orElseThrow(() -> new AssertionError("INFO server has no run_id"));
  }

  private static RedisStore store(RedisServer server) {
    return RedisStore.builder().uri(server.uri()).keyPrefix(PREFIX).build();
  }

  private static GovernanceEngine engine(RedisStore store) {
    return GovernanceEngine.builder().store(store).clock(OrgTree.CLOCK).build();
  }
}
