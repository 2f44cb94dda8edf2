package dev.governor.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.ConsumeResult.Status;
import dev.governor.runtime.EventResult.Outcome;
import dev.governor.runtime.IngestResult;
import dev.governor.runtime.UsageEvent;
import dev.governor.testing.Running;
import dev.governor.testing.Stall;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stalled stores (docs/semantics.md §11): a store call that blocks holds up its caller and nobody else. While one
 * owner's store call is stalled, other owners are served, and the same owner's other requests too
 * when the stall is in front of a single call (the engine holds no lock of its own across store
 * calls). A stall that ends in a timeout fails closed with nothing written and no key claimed; one
 * that is released completes exactly as it would have without the stall.
 *
 * <p>Waits use generous deadlines as hang detectors and dump every thread when one passes; no test
 * asserts how long anything took.
 */
public abstract class StallConformanceTest extends FaultConformanceBase {
  /** A store client timeout; short, because nothing is asserted about it but that it ends the call. */
  private static final Duration STORE_TIMEOUT = Duration.ofMillis(20);

  private Assignment alice;
  private Assignment team;
  private Assignment otherOrg;

  @BeforeEach
  void budgets() {
    alice = tokens("user-alice", 100);
    team = tokens("team-eng", 100);
    otherOrg = engine.assignments(OTHER_OWNER).upsert(List.of(
        AssignmentUpsert.of("org-acme", TOKENS).usageLimit(100).cadence("P1M"))).get(0);
  }

  /** Runs {@code work} on its own thread and returns its result, failing with a dump if it hangs. */
  private static <T> T bounded(String name, Callable<T> work) {
    return Running.start(name, work).await(HANG);
  }

  @Test
  void consume_ledgerStalledForOneOwner_otherOwnersAreServedMeanwhile() {
    Stall stall = faults.stall(Stall.Point.LEDGER_OPERATION, OWNER, Integer.MAX_VALUE, null);
    Running<ConsumeResult> stalled = Running.start("stalled-consume", () -> consume("user-alice", 5, "req-1"));
    stall.awaitEntered(1, HANG);

    assertThat(bounded("other-consume", () -> engine.consume(OTHER_OWNER, ConsumeRequest.of("org-acme", TOKENS, 7))
        .status())).isEqualTo(Status.GRANTED);
    assertThat(bounded("other-ingest", () -> engine.ingest(OTHER_OWNER, List.of(UsageEvent.of("org-acme", TOKENS, 2)))
        .count(Outcome.RECORDED))).isEqualTo(1);
    assertThat(bounded("other-check", () -> engine.check(OTHER_OWNER, CheckRequest.of("org-acme", TOKENS).amount(91))
        .hasAccess())).isTrue();
    assertThat(bounded("other-fast-paths", () -> engine.isAllowed(OTHER_OWNER, "org-acme", TOKENS, 1)
        && engine.tryConsume(OTHER_OWNER, "org-acme", TOKENS, 1))).isTrue();
    List<TreeRow> rows = bounded("other-query", () -> engine.query(OTHER_OWNER, TreeQuery.budgets(TOKENS)).items());
    assertThat(rows).extracting(TreeRow::currentUsage).containsExactly(10L);
    // Everything above finished while the stalled call could not have: it is still blocked.
    assertThat(stalled.isDone()).isFalse();

    stall.release();
    ConsumeResult r = stalled.await(HANG);
    assertThat(r.status()).isEqualTo(Status.GRANTED);
    assertThat(r.budgets()).containsExactly(january(alice, 5, 95L, true), january(team, 5, 95L, true));
    assertThat(usagesOf(OWNER, List.of(alice, team))).containsExactly(5L, 5L);
    assertThat(consume("user-alice", 5, "req-1").status()).isEqualTo(Status.DUPLICATE);
    assertThat(usageOf(OTHER_OWNER, otherOrg)).isEqualTo(10L);
  }

  @Test
  void consume_oneLedgerCallStalled_sameOwnerRequestsOnTheSameBudgetsProceed() {
    Stall stall = faults.stall(Stall.Point.LEDGER_OPERATION, OWNER);
    Running<ConsumeResult> stalled = Running.start("stalled-consume", () -> consume("user-alice", 30, "req-1"));
    stall.awaitEntered(1, HANG);

    // The engine holds nothing of its own across the stalled store call.
    assertThat(bounded("same-owner-consume", () -> consume("user-alice", 60).status())).isEqualTo(Status.GRANTED);
    assertThat(bounded("same-owner-ingest", () -> ingest(event("user-bob", 4)).count(Outcome.RECORDED))).isEqualTo(1);
    assertThat(stalled.isDone()).isFalse();

    stall.release();
    // Decided on the usage at the moment it ran: 64 + 30 is within 100 for both budgets.
    ConsumeResult r = stalled.await(HANG);
    assertThat(r.status()).isEqualTo(Status.GRANTED);
    assertThat(r.budgets()).containsExactly(january(alice, 90, 10L, true), january(team, 94, 6L, true));
    assertThat(usagesOf(OWNER, List.of(alice, team))).containsExactly(90L, 94L);
  }

  @Test
  void ingest_ledgerStalledThenReleased_recordsOnceAndRetryIsDuplicate() {
    Stall stall = faults.stall(Stall.Point.LEDGER_OPERATION, OWNER);
    List<UsageEvent> batch = List.of(event("user-alice", 3).idempotencyKey("evt-a"),
        event("user-bob", 4).idempotencyKey("evt-b"));
    Running<IngestResult> stalled = Running.start("stalled-ingest", () -> engine.ingest(OWNER, batch));
    stall.awaitEntered(1, HANG);
    // The same owner keeps consuming on the same budgets meanwhile.
    assertThat(bounded("same-owner-consume", () -> consume("user-alice", 10).status())).isEqualTo(Status.GRANTED);
    assertThat(stalled.isDone()).isFalse();

    stall.release();
    assertThat(stalled.await(HANG).count(Outcome.RECORDED)).isEqualTo(2);
    assertThat(usagesOf(OWNER, List.of(alice, team))).containsExactly(13L, 17L);
    assertThat(engine.ingest(OWNER, batch).count(Outcome.DUPLICATE)).isEqualTo(2);
    assertThat(usagesOf(OWNER, List.of(alice, team))).containsExactly(13L, 17L);
  }

  @Test
  void consume_stallOutlastsTheStoreTimeout_failsClosedWritesNothingAndRetryCountsOnce() {
    faults.stall(Stall.Point.LEDGER_OPERATION, OWNER, 1, STORE_TIMEOUT);
    assertFailedClosed(bounded("timed-out-consume", () -> failureOf(() -> consume("user-alice", 5, "req-1"))));
    assertThat(usagesOf(OWNER, List.of(alice, team))).containsExactly(0L, 0L);
    assertThat(consume("user-alice", 5, "req-1").status()).isEqualTo(Status.GRANTED);
    assertThat(consume("user-alice", 5, "req-1").status()).isEqualTo(Status.DUPLICATE);
    assertThat(usagesOf(OWNER, List.of(alice, team))).containsExactly(5L, 5L);
  }

  @Test
  void ingest_storeTimesOutInsideItsAtomicStep_failsClosedWritesNothingAndRetryCountsOnce() {
    consume("user-alice", 1);
    Stall stall = faults.stall(Stall.Point.PERIOD_READ, OWNER, 1, STORE_TIMEOUT);
    UsageEvent[] batch = {event("user-alice", 5).idempotencyKey("req-1")};
    assertFailedClosed(bounded("timed-out-ingest", () -> failureOf(() -> ingest(batch))));
    assertThat(stall.entered()).as("the store read a period inside the keyed ingest").isEqualTo(1);
    assertThat(usagesOf(OWNER, List.of(alice, team))).containsExactly(1L, 1L);
    assertThat(ingest(batch).count(Outcome.RECORDED)).isEqualTo(1);
    assertThat(ingest(batch).count(Outcome.DUPLICATE)).isEqualTo(1);
    // The key holds for a consume of the same request too.
    assertThat(consume("user-alice", 5, "req-1").status()).isEqualTo(Status.DUPLICATE);
    assertThat(usagesOf(OWNER, List.of(alice, team))).containsExactly(6L, 6L);
  }

  @Test
  void ingest_stallOutlastsTheStoreTimeout_recordsNothingAndRetryCountsOnce() {
    faults.stall(Stall.Point.LEDGER_OPERATION, OWNER, 1, STORE_TIMEOUT);
    UsageEvent[] batch = {event("user-alice", 3).idempotencyKey("evt-a"), event("user-bob", 4).idempotencyKey("evt-b")};
    assertFailedClosed(bounded("timed-out-ingest", () -> failureOf(() -> ingest(batch))));
    assertThat(usagesOf(OWNER, List.of(alice, team))).containsExactly(0L, 0L);
    assertThat(ingest(batch).count(Outcome.RECORDED)).isEqualTo(2);
    assertThat(ingest(batch).count(Outcome.DUPLICATE)).isEqualTo(2);
    assertThat(usagesOf(OWNER, List.of(alice, team))).containsExactly(3L, 7L);
  }

  @Test
  void checkAndFastPaths_stallOutlastsTheStoreTimeout_failClosedAndChangeNothing() {
    consume("user-alice", 10);
    faults.stall(Stall.Point.LEDGER_OPERATION, OWNER, 3, STORE_TIMEOUT);
    assertFailedClosed(bounded("timed-out-check", () -> failureOf(() -> check("user-alice", 1))));
    assertFailedClosed(bounded("timed-out-is-allowed", () -> failureOf(() -> engine.isAllowed(OWNER, "user-alice",
        TOKENS, 1))));
    assertFailedClosed(bounded("timed-out-try-consume", () -> failureOf(() -> engine.tryConsume(OWNER, "user-alice",
        TOKENS, 1))));
    assertThat(check("user-alice", 90).budgets()).containsExactly(january(alice, 10, 90L, true),
        january(team, 10, 90L, true));
  }

  @Test
  void upsert_catalogCommitStalled_otherOwnersAndWarmRequestsProceedThenItApplies() {
    consume("user-alice", 1);
    Stall stall = faults.stall(Stall.Point.CATALOG_COMMIT, OWNER);
    Running<List<Assignment>> update = Running.start("stalled-limit-change",
        () -> engine.assignments(OWNER).upsert(List.of(AssignmentUpsert.of("user-alice", TOKENS).usageLimit(3))));
    stall.awaitEntered(1, HANG);

    assertThat(bounded("other-owner-catalog", () -> engine.entities(OTHER_OWNER).upsert(List.of(
        EntityUpsert.of("team-x").type("team").parent("org-acme"))).size())).isEqualTo(1);
    assertThat(bounded("other-owner-consume", () -> engine.tryConsume(OTHER_OWNER, "team-x", TOKENS, 1))).isTrue();
    // Nothing is committed yet: the old limit is still in force.
    assertThat(bounded("warm-consume", () -> consume("user-alice", 5).status())).isEqualTo(Status.GRANTED);
    assertThat(update.isDone()).isFalse();

    stall.release();
    assertThat(update.await(HANG)).extracting(Assignment::usageLimit).containsExactly(3L);
    assertThat(consume("user-alice", 1).status()).as("the new limit is in force").isEqualTo(Status.DENIED);
    assertThat(usagesOf(OWNER, List.of(alice, team))).containsExactly(6L, 6L);
    assertThat(usageOf(OTHER_OWNER, otherOrg)).isEqualTo(1L);
  }

  /** The exception {@code call} throws, or null. */
  private static Throwable failureOf(Runnable call) {
    try {
      call.run();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }
}
