package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.StoreUnavailableException;
import dev.governor.catalog.Assignment;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.ConsumeResult.Status;
import dev.governor.runtime.EventResult.Outcome;
import dev.governor.runtime.IngestResult;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import dev.governor.spi.GovernanceStore;
import dev.governor.testing.FaultInjectingStore;
import dev.governor.testing.FaultInjectingStore.InjectedFault;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md §11 fail-closed: when the store throws, check, consume, ingest and the fast paths raise
 * {@link StoreUnavailableException} (never allow, never drop), nothing is half-written, no
 * idempotency key stays claimed, and the engine serves normally once the store recovers.
 */
public abstract class FailClosedConformanceTest extends RuntimeConformanceBase {
  /** Enough for any store to have read each input of a small operation several times. */
  private static final int MAX_INPUT_READS = 10_000;

  protected FaultInjectingStore faults;

  @Override
  protected GovernanceStore engineStore() {
    faults = new FaultInjectingStore(newStore());
    return faults;
  }

  private static void assertUnavailable(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(StoreUnavailableException.class).hasCauseInstanceOf(InjectedFault.class);
  }

  @Test
  void check_ledgerThrows_raisesStoreUnavailableThenRecovers() {
    Assignment alice = tokens("user-alice", 10);
    consume("user-alice", 4);
    faults.failNextLedgerOperation();
    assertUnavailable(() -> check("user-alice", 1));
    assertThat(check("user-alice", 6).budgets()).containsExactly(january(alice, 4, 6L, true));
  }

  @Test
  void consume_ledgerThrows_changesNothingAndLeavesKeyUnclaimed() {
    Assignment alice = tokens("user-alice", 10);
    Assignment team = tokens("team-eng", 10);
    faults.failNextLedgerOperation();
    assertUnavailable(() -> consume("user-alice", 4, "req-1"));
    assertThat(List.of(usage(alice), usage(team))).containsExactly(0L, 0L);
    assertThat(consume("user-alice", 4, "req-1").status()).isEqualTo(Status.GRANTED);
    assertThat(consume("user-alice", 4, "req-1").status()).isEqualTo(Status.DUPLICATE);
    assertThat(List.of(usage(alice), usage(team))).containsExactly(4L, 4L);
  }

  @Test
  void ingest_ledgerThrows_recordsNothingAndRetryCountsOnce() {
    Assignment team = tokens("team-eng", 100);
    UsageEvent[] batch = {event("user-alice", 3).idempotencyKey("evt-a"), event("user-bob", 4).idempotencyKey("evt-b")};
    faults.failNextLedgerOperation();
    assertUnavailable(() -> ingest(batch));
    assertThat(usage(team)).isZero();
    assertThat(ingest(batch).count(Outcome.RECORDED)).isEqualTo(2);
    assertThat(ingest(batch).count(Outcome.DUPLICATE)).isEqualTo(2);
    assertThat(usage(team)).isEqualTo(7L);
  }

  @Test
  void fastPaths_ledgerThrows_raiseStoreUnavailableAndChangeNothing() {
    Assignment alice = tokens("user-alice", 10);
    assertThat(engine.isAllowed(OWNER, "user-alice", TOKENS, 1)).isTrue();
    faults.failNextLedgerOperation();
    assertUnavailable(() -> engine.isAllowed(OWNER, "user-alice", TOKENS, 1));
    faults.failNextLedgerOperation();
    assertUnavailable(() -> engine.tryConsume(OWNER, "user-alice", TOKENS, 1));
    assertThat(usage(alice)).isZero();
    assertThat(engine.tryConsume(OWNER, "user-alice", TOKENS, 10)).isTrue();
    assertThat(usage(alice)).isEqualTo(10L);
  }

  @Test
  void consume_nthLedgerOperationFails_onlyThatOneThrows() {
    Assignment alice = tokens("user-alice", 100);
    faults.failLedgerOperation(3);
    consume("user-alice", 1);
    consume("user-alice", 2);
    assertUnavailable(() -> consume("user-alice", 4));
    consume("user-alice", 8);
    assertThat(usage(alice)).isEqualTo(11L);
    assertThat(faults.faultsFired()).isEqualTo(1);
  }

  @Test
  void allOperations_ledgerDown_raiseStoreUnavailableEvenWithWarmPlans() {
    Assignment alice = tokens("user-alice", 10);
    // Warm the cached plans so that the failures below come from the ledger, not from planning.
    check("user-alice", 1);
    consume("user-alice", 1);
    ingest(event("user-alice", 1));
    engine.isAllowed(OWNER, "user-alice", TOKENS, 1);
    engine.tryConsume(OWNER, "user-alice", TOKENS, 1);
    faults.ledgerDown(true);
    assertUnavailable(() -> check("user-alice", 0));
    assertUnavailable(() -> consume("user-alice", 1));
    assertUnavailable(() -> ingest(event("user-alice", 1)));
    assertUnavailable(() -> engine.isAllowed(OWNER, "user-alice", TOKENS, 0));
    assertUnavailable(() -> engine.tryConsume(OWNER, "user-alice", TOKENS, 1));
    faults.heal();
    assertThat(usage(alice)).isEqualTo(3L);
  }

  @Test
  void checkConsumeIngest_catalogDown_raiseStoreUnavailable() {
    Assignment alice = tokens("user-alice", 10);
    faults.catalogDown(true);
    assertUnavailable(() -> check(Subject.dimensions(Map.of("userId", "user-alice")), 1));
    assertUnavailable(() -> check("user-bob", 1));
    assertUnavailable(() -> consume("user-carol", 1));
    assertUnavailable(() -> ingest(UsageEvent.of(Subject.entities("user-alice", "user-bob"), TOKENS, 1)));
    faults.heal();
    assertThat(usage(alice)).isZero();
    assertThat(engine.check(OWNER, CheckRequest.of(Subject.dimensions(Map.of("userId", "user-alice")), TOKENS))
        .budgets()).containsExactly(january(alice, 0, 10L, true));
  }

  @Test
  void check_storeThrowsPartWayThroughInputs_raisesStoreUnavailableNeverAResult() {
    Assignment alice = tokens("user-alice", 10);
    Assignment team = tokens("team-eng", 10);
    Assignment org = tokens("org-acme", 10);
    int fired = 0;
    for (int k = 1; k <= MAX_INPUT_READS; k++) {
      faults.failInputRead(k);
      int before = faults.faultsFired();
      try {
        assertThat(check("user-alice", 11).hasAccess()).isFalse();
        assertThat(faults.faultsFired()).isEqualTo(before);
        break;
      } catch (StoreUnavailableException e) {
        assertThat(e).hasCauseInstanceOf(InjectedFault.class);
        fired++;
      }
    }
    assertThat(fired).as("faults at distinct input reads").isGreaterThanOrEqualTo(3);
    assertThat(List.of(usage(alice), usage(team), usage(org))).containsExactly(0L, 0L, 0L);
  }

  @Test
  void consume_storeThrowsPartWayThroughInputs_writesNothingAndRetryCountsOnce() {
    Assignment alice = tokens("user-alice", 10);
    Assignment team = tokens("team-eng", 20);
    Assignment org = unlimited("org-acme", TOKENS, "P1M");
    int fired = 0;
    for (int k = 1; k <= MAX_INPUT_READS; k++) {
      faults.failInputRead(k);
      int before = faults.faultsFired();
      try {
        assertThat(consume("user-alice", 5, "req-1").status()).isEqualTo(Status.GRANTED);
        assertThat(faults.faultsFired()).isEqualTo(before);
        break;
      } catch (StoreUnavailableException e) {
        assertThat(e).hasCauseInstanceOf(InjectedFault.class);
        fired++;
        assertThat(List.of(usage(alice), usage(team), usage(org))).as("after a fault at input read %s", k)
            .containsExactly(0L, 0L, 0L);
      }
    }
    assertThat(fired).as("faults at distinct input reads").isGreaterThanOrEqualTo(3);
    assertThat(List.of(usage(alice), usage(team), usage(org))).containsExactly(5L, 5L, 5L);
    assertThat(consume("user-alice", 5, "req-1").status()).isEqualTo(Status.DUPLICATE);
    assertThat(List.of(usage(alice), usage(team), usage(org))).containsExactly(5L, 5L, 5L);
  }

  @Test
  void ingest_storeThrowsPartWayThroughInputs_writesNothingAndRetryCountsOnce() {
    Assignment alice = tokens("user-alice", 10);
    Assignment eng = tokens("team-eng", 20);
    Assignment sales = tokens("team-sales", 20);
    Assignment org = unlimited("org-acme", TOKENS, "P1M");
    UsageEvent[] batch = {
      event("user-alice", 3).idempotencyKey("evt-a"),
      event("user-bob", 4).idempotencyKey("evt-b"),
      event("user-carol", 5).idempotencyKey("evt-c")};
    int fired = 0;
    for (int k = 1; k <= MAX_INPUT_READS; k++) {
      faults.failInputRead(k);
      int before = faults.faultsFired();
      try {
        IngestResult r = ingest(batch);
        assertThat(faults.faultsFired()).isEqualTo(before);
        assertThat(r.count(Outcome.RECORDED)).isEqualTo(3);
        break;
      } catch (StoreUnavailableException e) {
        assertThat(e).hasCauseInstanceOf(InjectedFault.class);
        fired++;
        assertThat(List.of(usage(alice), usage(eng), usage(sales), usage(org))).as("after a fault at input read %s", k)
            .containsExactly(0L, 0L, 0L, 0L);
      }
    }
    // Three events over seven budget slots: faults fired in the middle of the batch, not only at its edges.
    assertThat(fired).as("faults at distinct input reads").isGreaterThanOrEqualTo(7);
    assertThat(List.of(usage(alice), usage(eng), usage(sales), usage(org))).containsExactly(3L, 7L, 5L, 12L);
    assertThat(ingest(batch).count(Outcome.DUPLICATE)).isEqualTo(3);
    assertThat(List.of(usage(alice), usage(eng), usage(sales), usage(org))).containsExactly(3L, 7L, 5L, 12L);
  }
}
