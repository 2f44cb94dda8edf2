package dev.governor.conformance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.StoreUnavailableException;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.ConsumeResult.Status;
import dev.governor.runtime.EventResult.Outcome;
import dev.governor.runtime.IngestResult;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import dev.governor.testing.Running;
import dev.governor.testing.Stall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Interrupting a thread blocked in the engine leaves no lock held (issue 6, "Faults"). Threads are
 * interrupted while they stall inside the store (holding whatever the store holds for the operation:
 * for the memory store, the stripe write locks of the counters and the key, or the owner's catalog
 * write lock) and while they wait for such a lock. Whatever each interrupted call answers, it answers
 * consistently: a failure changes nothing, a success counts exactly once. Afterwards four threads
 * consume, ingest, check and change the catalog on the very same budgets, and must all finish: a
 * lock left held would hang them, and the deadline fails the test with a dump of every thread.
 */
public abstract class InterruptConformanceTest extends FaultConformanceBase {
  private static final int THREADS = 4;
  private static final int OPS_PER_THREAD = 200;

  private Assignment alice;
  private Assignment team;
  private Assignment org;

  @BeforeEach
  void budgets() {
    alice = tokens("user-alice", 1_000_000);
    team = tokens("team-eng", 1_000_000);
    org = unlimited("org-acme", TOKENS, "P1M");
    // Warm plans: the blocked calls below then wait on the store, not on planning.
    consume("user-alice", 1);
  }

  private List<Assignment> chain() {
    return List.of(alice, team, org);
  }

  /** Usage the test expects on each budget of the chain; every budget of the chain moves together. */
  private final AtomicLong expected = new AtomicLong(1);

  private void counted(ConsumeResult r, long amount) {
    if (r.status() == Status.GRANTED) {
      expected.addAndGet(amount);
    }
  }

  @Test
  void consume_interruptedWhileStalledInsideTheStore_failsClosedAndReleasesTheStoresLocks() {
    Stall stall = faults.stall(Stall.Point.PERIOD_READ, OWNER);
    Running<ConsumeResult> stalled = Running.start("stalled-consume", () -> consume("user-alice", 5, "req-1"));
    stall.awaitEntered(1, HANG);

    stalled.interrupt();
    assertFailedClosed(stalled.awaitFailure(HANG));
    assertThat(usagesOf(OWNER, chain())).containsOnly(expected.get());

    hammerTheSameBudgets();
    ConsumeResult retry = consume("user-alice", 5, "req-1");
    assertThat(retry.status()).as("the interrupted call claimed no key").isEqualTo(Status.GRANTED);
    counted(retry, 5);
    assertThat(consume("user-alice", 5, "req-1").status()).isEqualTo(Status.DUPLICATE);
    assertThat(usagesOf(OWNER, chain())).containsOnly(expected.get());
  }

  @Test
  void consume_waiterInterruptedWhileAStalledIngestHoldsTheLocks_bothCompleteConsistently() {
    // An ingest reads its periods inside its atomic step: stalled there, it holds the store's locks.
    Stall stall = faults.stall(Stall.Point.PERIOD_READ, OWNER);
    Running<IngestResult> holder = Running.start("stalled-holder",
        () -> engine.ingest(OWNER, List.of(event("user-alice", 5).idempotencyKey("req-1"))));
    stall.awaitEntered(1, HANG);
    Running<ConsumeResult> waiter = Running.start("waiter", () -> consume("user-alice", 7));
    waiter.awaitParkedOrDone(HANG);

    waiter.interrupt();
    stall.release();
    IngestResult held = holder.await(HANG);
    assertThat(held.count(Outcome.RECORDED)).isEqualTo(1);
    expected.addAndGet(5);
    Throwable waited = waiter.awaitFailure(HANG);
    if (waited == null) {
      counted(waiter.await(HANG), 7);
    } else {
      // A store whose lock waits are interruptible may give up; it must fail closed, not guess.
      assertThat(waited).isInstanceOf(StoreUnavailableException.class);
    }
    assertThat(usagesOf(OWNER, chain())).containsOnly(expected.get());

    hammerTheSameBudgets();
    assertThat(consume("user-alice", 5, "req-1").status()).isEqualTo(Status.DUPLICATE);
    assertThat(usagesOf(OWNER, chain())).containsOnly(expected.get());
  }

  @Test
  void consume_interruptedWhileACatalogCommitIsStalled_noCatalogOrLedgerLockStaysHeld() {
    Stall stall = faults.stall(Stall.Point.CATALOG_COMMIT, OWNER);
    Running<List<Assignment>> update = Running.start("stalled-update",
        () -> engine.assignments(OWNER).upsert(List.of(AssignmentUpsert.of("user-bob", TOKENS).usageLimit(50)
            .cadence("P1M"))));
    stall.awaitEntered(1, HANG);
    // A subject never asked about before is planned from the catalog while the commit waits.
    Running<ConsumeResult> waiter = Running.start("cold-waiter",
        () -> engine.consume(OWNER, ConsumeRequest.of(Subject.entities("user-alice", "user-bob"), TOKENS, 2)));
    waiter.awaitParkedOrDone(HANG);

    waiter.interrupt();
    update.interrupt();
    Throwable updateFailure = update.awaitFailure(HANG);
    if (updateFailure != null) {
      assertFailedClosed(updateFailure);
    }
    Throwable waited = waiter.awaitFailure(HANG);
    if (waited == null) {
      counted(waiter.await(HANG), 2);
    } else {
      assertThat(waited).isInstanceOf(StoreUnavailableException.class);
    }
    assertThat(usagesOf(OWNER, chain())).containsOnly(expected.get());
    assertThat(engine.assignments(OWNER).get(AssignmentKey.of("user-bob", TOKENS)).isPresent())
        .as("the interrupted update is all or nothing").isEqualTo(updateFailure == null);

    hammerTheSameBudgets();
    assertThat(usagesOf(OWNER, chain())).containsOnly(expected.get());
  }

  @Test
  void ingest_interruptedWhileStalledBeforeTheLedger_recordsNothingAndRetryCountsOnce() {
    Stall stall = faults.stall(Stall.Point.LEDGER_OPERATION, OWNER);
    List<UsageEvent> batch = List.of(event("user-alice", 3).idempotencyKey("evt-a"),
        event("agent-bot", 4).idempotencyKey("evt-b"));
    Running<IngestResult> stalled = Running.start("stalled-ingest", () -> engine.ingest(OWNER, batch));
    stall.awaitEntered(1, HANG);

    stalled.interrupt();
    assertFailedClosed(stalled.awaitFailure(HANG));
    assertThat(usagesOf(OWNER, chain())).containsOnly(expected.get());

    hammerTheSameBudgets();
    assertThat(engine.ingest(OWNER, batch).count(Outcome.RECORDED)).isEqualTo(2);
    expected.addAndGet(7);
    assertThat(engine.ingest(OWNER, batch).count(Outcome.DUPLICATE)).isEqualTo(2);
    assertThat(usagesOf(OWNER, chain())).containsOnly(expected.get());
  }

  /**
   * Four threads consume, ingest (with repeated keys), check and change the catalog on the budgets
   * the interrupted calls used; each must finish, and their counted amounts must add up exactly.
   */
  private void hammerTheSameBudgets() {
    List<Running<Long>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int id = t;
      workers.add(Running.start("hammer-" + t, () -> {
        long added = 0;
        for (int i = 0; i < OPS_PER_THREAD; i++) {
          switch (i % 5) {
            case 0 -> added += consume("user-alice", 1).status() == Status.GRANTED ? 1 : 0;
            case 1 -> added += engine.tryConsume(OWNER, "agent-bot", TOKENS, 1) ? 1 : 0;
            case 2 -> {
              IngestResult r = engine.ingest(OWNER, List.of(event("user-alice", 2).idempotencyKey("h-" + (i % 20))));
              added += r.count(Outcome.RECORDED) * 2;
            }
            case 3 -> {
              CheckResult r = engine.check(OWNER, CheckRequest.of("agent-bot", TOKENS).amount(0));
              assertThat(r.hasAccess()).isTrue();
            }
            default -> engine.entities(OWNER).upsert(List.of(EntityUpsert.of("user-alice")
                .metadata("touched-by", "hammer-" + id)));
          }
        }
        return added;
      }));
    }
    for (Running<Long> w : workers) {
      expected.addAndGet(w.await(HANG));
    }
    assertThat(usagesOf(OWNER, chain())).containsOnly(expected.get());
  }
}
