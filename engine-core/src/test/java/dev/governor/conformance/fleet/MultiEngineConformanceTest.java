package dev.governor.conformance.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.governor.ConflictException;
import dev.governor.GovernanceEngine;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.conformance.runtime.RuntimeConformanceBase;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult.Status;
import dev.governor.runtime.DenialReason;
import dev.governor.runtime.EventResult.Outcome;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import dev.governor.spi.GovernanceStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two engines on one store, as two instances of a service behind a load balancer would be: every
 * change committed through one is in force for the other's next decision, idempotency keys are
 * shared, and a query through one sees the usage recorded through the other. Engine {@code a} is
 * the fixture's engine; {@code b} shares its store and clock but none of its caches.
 */
public abstract class MultiEngineConformanceTest extends RuntimeConformanceBase {
  private GovernanceStore shared;
  protected GovernanceEngine a;
  protected GovernanceEngine b;

  /**
   * The store the second engine uses: {@code shared} itself by default; a remote store returns
   * another client of the same data (its own connection), as a second service instance would have.
   */
  protected GovernanceStore secondEngineStore(GovernanceStore shared) {
    return shared;
  }

  @Override
  protected GovernanceStore engineStore() {
    shared = newStore();
    return shared;
  }

  @BeforeEach
  void secondEngineOnTheSameStore() {
    a = engine;
    b = GovernanceEngine.builder().store(secondEngineStore(shared)).clock(clock).build();
  }

  private static ConsumeRequest spend(String entityId, long amount) {
    return ConsumeRequest.of(entityId, TOKENS, amount);
  }

  @Test
  void limitLoweredThroughA_deniesBsNextConsume() {
    tokens("team-eng", 100);
    assertThat(b.consume(OWNER, spend("user-alice", 60)).status()).isEqualTo(Status.GRANTED);
    assertThat(b.isAllowed(OWNER, "user-alice", TOKENS, 40)).isTrue();

    a.assignments(OWNER).upsert(List.of(AssignmentUpsert.of("team-eng", TOKENS).usageLimit(50)));

    assertThat(b.consume(OWNER, spend("user-alice", 1)).status()).isEqualTo(Status.DENIED);
    assertThat(b.isAllowed(OWNER, "user-alice", TOKENS, 1)).isFalse();
    assertThat(b.tryConsume(OWNER, "user-bob", TOKENS, 1)).isFalse();
    assertThat(b.check(OWNER, CheckRequest.of("user-alice", TOKENS)).firstDenied().usageLimit()).isEqualTo(50L);
  }

  @Test
  void limitRaisedThroughB_grantsAsNextConsume() {
    tokens("user-alice", 10);
    assertThat(a.consume(OWNER, spend("user-alice", 10)).status()).isEqualTo(Status.GRANTED);
    assertThat(a.tryConsume(OWNER, "user-alice", TOKENS, 1)).isFalse();

    b.assignments(OWNER).upsert(List.of(AssignmentUpsert.of("user-alice", TOKENS).usageLimit(20)));

    assertThat(a.tryConsume(OWNER, "user-alice", TOKENS, 10)).isTrue();
  }

  @Test
  void budgetCreatedDeletedAndEntityArchivedThroughA_inForceForB() {
    assertThat(b.tryConsume(OWNER, "agent-bot", TOKENS, 5)).as("no budget yet").isTrue();
    Assignment bot = a.assignments(OWNER).upsert(List.of(AssignmentUpsert.of("agent-bot", TOKENS).usageLimit(3)
        .cadence("P1M"))).get(0);
    assertThat(b.tryConsume(OWNER, "agent-bot", TOKENS, 5)).as("the new budget applies").isFalse();

    a.assignments(OWNER).deleteByKey(List.of(AssignmentKey.of("agent-bot", TOKENS)));
    assertThat(b.tryConsume(OWNER, "agent-bot", TOKENS, 5)).as("the deleted budget no longer applies").isTrue();
    assertThat(b.usage(OWNER, bot.id())).isEmpty();

    a.entities(OWNER).archive(List.of("agent-bot"));
    assertThat(b.consume(OWNER, spend("agent-bot", 1)).reason()).isEqualTo(DenialReason.ENTITY_ARCHIVED);
    assertThat(b.isAllowed(OWNER, "agent-bot", TOKENS, 0)).isFalse();
  }

  @Test
  void entityCreatedThroughA_resolvedByBWithItsBudgets() {
    tokens("team-sales", 5);
    a.entities(OWNER).upsert(List.of(EntityUpsert.of("user-dave").type("user").parent("team-sales")));

    assertThat(b.consume(OWNER, spend("user-dave", 5)).status()).isEqualTo(Status.GRANTED);
    assertThat(b.tryConsume(OWNER, "user-dave", TOKENS, 1)).isFalse();
    assertThat(b.check(OWNER, CheckRequest.of(Subject.dimensions(Map.of("userId", "user-dave")), TOKENS)).hasAccess())
        .isFalse();
  }

  @Test
  void capabilityAndAttributionKeyAddedThroughA_inForceForB() {
    tokens("user-alice", 10);
    assertThat(b.consume(OWNER, spend("user-alice", 10)).status()).isEqualTo(Status.GRANTED);
    Subject byUid = Subject.dimensions(Map.of("uid", "user-alice"));
    // B plans the dimension while no type owns the key: unresolved, so alice's full budget does not apply.
    assertThat(b.consume(OWNER, ConsumeRequest.of(byUid, TOKENS, 1)).budgets()).isEmpty();

    a.entityTypes().upsert(List.of(EntityTypeUpsert.of("user").attributionKeys("userId", "uid")));
    a.capabilities().upsert(List.of(CapabilityUpsert.meter("seats")));

    assertThat(b.consume(OWNER, ConsumeRequest.of(byUid, TOKENS, 1)).status()).as("alice's budget now applies")
        .isEqualTo(Status.DENIED);
    assertThat(b.check(OWNER, CheckRequest.of("user-alice", "seats")).hasAccess()).isTrue();
  }

  @Test
  void idempotencyKeys_sharedAcrossEngines() {
    Assignment alice = tokens("user-alice", 100);
    assertThat(a.consume(OWNER, spend("user-alice", 7).idempotencyKey("req-1")).status()).isEqualTo(Status.GRANTED);

    assertThat(b.consume(OWNER, spend("user-alice", 7).idempotencyKey("req-1")).status()).isEqualTo(Status.DUPLICATE);
    assertThat(b.ingest(OWNER, List.of(UsageEvent.of("user-alice", TOKENS, 7).idempotencyKey("req-1"))).count(
        Outcome.DUPLICATE)).isEqualTo(1);
    ConflictException reused = catchThrowableOfType(ConflictException.class,
        () -> b.consume(OWNER, spend("user-alice", 8).idempotencyKey("req-1")));
    assertThat(reused.reason()).isEqualTo(ConflictException.Reason.IDEMPOTENCY_KEY_REUSED);
    assertThat(b.ingest(OWNER, List.of(UsageEvent.of("user-alice", TOKENS, 2).idempotencyKey("evt-1"))).count(
        Outcome.RECORDED)).isEqualTo(1);
    assertThat(a.consume(OWNER, spend("user-alice", 2).idempotencyKey("evt-1")).status()).isEqualTo(Status.DUPLICATE);
    assertThat(a.usage(OWNER, alice.id()).orElseThrow().currentUsage()).isEqualTo(9L);
  }

  @Test
  void queryThroughA_seesUsageAndBudgetsRecordedThroughB() {
    Assignment alice = tokens("user-alice", 100);
    assertThat(a.query(OWNER, TreeQuery.budgets(TOKENS)).items()).extracting(TreeRow::currentUsage).containsExactly(0L);

    b.ingest(OWNER, List.of(UsageEvent.of("user-alice", TOKENS, 30)));
    b.assignments(OWNER).upsert(List.of(AssignmentUpsert.of("team-eng", TOKENS).usageLimit(1000).cadence("P1M")));
    b.consume(OWNER, spend("user-bob", 10));

    List<TreeRow> rows = a.query(OWNER, TreeQuery.budgets(TOKENS)).items();
    assertThat(rows).extracting(TreeRow::entityId, TreeRow::currentUsage)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("user-alice", 30L), org.assertj.core.groups.Tuple.tuple("team-eng", 10L));
    assertThat(a.usage(OWNER, alice.id()).orElseThrow().currentUsage()).isEqualTo(30L);
    b.entities(OWNER).upsert(List.of(EntityUpsert.of("user-erin").type("user").parent("team-eng")));
    assertThat(a.query(OWNER, TreeQuery.tree().entityTypes("user")).items()).extracting(TreeRow::entityId)
        .contains("user-erin");
  }
}
