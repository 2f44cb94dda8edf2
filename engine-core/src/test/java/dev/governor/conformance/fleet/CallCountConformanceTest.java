package dev.governor.conformance.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.conformance.runtime.RuntimeConformanceBase;
import dev.governor.query.TreeQuery;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import dev.governor.spi.GovernanceStore;
import dev.governor.testing.CountingStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One store round trip per decision: while the owner's catalog is unchanged, every check, consume,
 * gate, ingest batch and usage read makes exactly one ledger call and no catalog call (no version
 * read first). After another engine changes the catalog, the next decision costs exactly one stale
 * attempt, one snapshot read and the retry.
 */
public abstract class CallCountConformanceTest extends RuntimeConformanceBase {
  private GovernanceStore real;
  private CountingStore counting;
  private Assignment alice;

  @Override
  protected GovernanceStore engineStore() {
    real = newStore();
    counting = new CountingStore(real);
    return counting;
  }

  @BeforeEach
  void budgetsOnTheChain() {
    alice = tokens("user-alice", 1_000_000);
    tokens("team-eng", 1_000_000);
    tokens("org-acme", 1_000_000, "model-gpt4o");
    unlimited("model-gpt4o", TOKENS, "P1D");
  }

  /** Runs {@code decision} twice (the first warms the plans) and returns the store calls of the second. */
  private long[] callsOf(Runnable decision) {
    decision.run();
    long ledger = counting.ledgerOperations();
    long catalog = counting.catalogCalls();
    decision.run();
    return new long[] {counting.ledgerOperations() - ledger, counting.catalogCalls() - catalog};
  }

  private void assertOneLedgerCall(String what, Runnable decision) {
    assertThat(callsOf(decision)).as("%s: {ledger calls, catalog calls}", what).containsExactly(1L, 0L);
  }

  @Test
  void everyDecision_unchangedCatalog_exactlyOneLedgerCallAndNoCatalogCall() {
    assertOneLedgerCall("check by id", () -> engine.check(OWNER, CheckRequest.of("agent-bot", TOKENS).amount(3)));
    assertOneLedgerCall("check by ids", () -> engine.check(OWNER,
        CheckRequest.of(Subject.entities("agent-bot", "model-gpt4o"), TOKENS).amount(3)));
    assertOneLedgerCall("check by dimensions", () -> engine.check(OWNER,
        CheckRequest.of(Subject.dimensions(Map.of("agentId", "agent-bot", "modelId", "model-gpt4o")), TOKENS)));
    assertOneLedgerCall("consume", () -> engine.consume(OWNER, ConsumeRequest.of("agent-bot", TOKENS, 1)));
    assertOneLedgerCall("consume with key", () -> engine.consume(OWNER,
        ConsumeRequest.of(Subject.entities("agent-bot", "model-gpt4o"), TOKENS, 1).idempotencyKey("req-1")));
    assertOneLedgerCall("isAllowed", () -> engine.isAllowed(OWNER, "agent-bot", TOKENS, 1));
    assertOneLedgerCall("tryConsume", () -> engine.tryConsume(OWNER, "agent-bot", TOKENS, 1));
    assertOneLedgerCall("ingest batch", () -> engine.ingest(OWNER, List.of(UsageEvent.of("agent-bot", TOKENS, 1),
        UsageEvent.of(Subject.dimensions(Map.of("userId", "user-bob")), TOKENS, 2),
        UsageEvent.of("model-gpt4o", TOKENS, 3).idempotencyKey("evt-1"))));
    assertOneLedgerCall("usage read", () -> engine.usage(OWNER, alice.id()));
  }

  @Test
  void decisionsWithoutBudgets_unchangedCatalog_stillValidatedInOneLedgerCall() {
    // Nothing applies and the entity is archived: the answer still depends on the catalog being
    // current, which only the ledger's version check can tell.
    assertOneLedgerCall("isAllowed without budget", () -> engine.isAllowed(OWNER, "team-sales", CALLS, 1));
    assertOneLedgerCall("consume without budget", () -> engine.consume(OWNER, ConsumeRequest.of("team-sales", CALLS, 1)));
    engine.entities(OWNER).archive(List.of("user-carol"));
    assertOneLedgerCall("tryConsume of an archived entity", () -> engine.tryConsume(OWNER, "user-carol", TOKENS, 1));
    assertOneLedgerCall("check of an archived entity", () -> engine.check(OWNER, CheckRequest.of("user-carol", TOKENS)));
  }

  @Test
  void decision_catalogChangedThroughAnotherEngine_oneStaleAttemptOneSnapshotReadAndTheRetry() {
    GovernanceEngine other = GovernanceEngine.builder().store(real).clock(clock).build();
    engine.tryConsume(OWNER, "agent-bot", TOKENS, 1);
    other.assignments(OWNER).upsert(List.of(AssignmentUpsert.of("user-alice", TOKENS).usageLimit(5)));
    long ledger = counting.ledgerOperations();
    long catalog = counting.catalogCalls();

    boolean granted = engine.tryConsume(OWNER, "agent-bot", TOKENS, 5);

    assertThat(granted).as("the new limit of 5 is in force (usage 1)").isFalse();
    assertThat(counting.ledgerOperations() - ledger).as("ledger calls: the stale attempt and the retry").isEqualTo(2);
    assertThat(counting.catalogCalls() - catalog).as("catalog calls: one snapshot read").isEqualTo(1);
    assertOneLedgerCall("the next decision", () -> engine.tryConsume(OWNER, "agent-bot", TOKENS, 1));
  }

  @Test
  void query_unchangedCatalog_oneSnapshotValidationAndOneReadPerCapability() {
    long[] calls = callsOf(() -> engine.query(OWNER, TreeQuery.budgets(TOKENS, CALLS)));

    // The snapshot read validates the index; a remote store answers it with its version alone.
    assertThat(calls).as("{ledger calls, catalog calls}").containsExactly(1L, 1L);
  }
}
