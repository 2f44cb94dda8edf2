package dev.governor.conformance.soak;

import static dev.governor.conformance.soak.SoakTenant.CALLS;
import static dev.governor.conformance.soak.SoakTenant.TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.conformance.soak.SoakLedger.BudgetPeriod;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.spi.GovernanceStore;
import dev.governor.testing.FakeClock;
import dev.governor.testing.Seeds;
import dev.governor.testing.ThreadDumps;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Test;

/**
 * Soak (issue 6): a mixed random workload on four threads against two owners — catalog churn (new
 * users, leaf moves, archive and unarchive, limit changes, scoped budgets created and deleted),
 * consume, tryConsume, ingest with repeated idempotency keys and past timestamps, checks, isAllowed
 * and queries — while a clock thread moves a {@link FakeClock} forward by up to two minutes at a
 * time, so that budgets with cadences of a minute, a quarter, an hour and a day roll over thousands
 * of times. Conservation is checked continuously:
 * <ul>
 *   <li>on every answer: a granted consume leaves every limited budget within the limit it was granted
 *       under; a check agrees with itself; every reported period contains the engine's now;</li>
 *   <li>at a checkpoint about every second (all threads paused between operations), for every budget
 *       of both owners and both capabilities: its usage in its current period equals the sum of
 *       granted consume amounts and recorded (not late) ingest amounts the answers attributed to
 *       that budget and period, and, for each user's own {@code api-calls} budget, the sum of its
 *       granted {@code tryConsume}s; without the ingested part, no budget is above the highest limit
 *       it ever had (ingest may overspend, consume may not);</li>
 *   <li>throughout: no idempotency key is counted twice.</li>
 * </ul>
 * Operations never straddle a clock step (the clock thread and the checkpoints take a gate each
 * operation holds shared), because the semantics (docs/semantics.md) lets an operation that read an older clock add to a counter
 * a concurrent one already moved to the next period, which would make per-period bookkeeping from
 * answers alone ambiguous; catalog churn and every runtime operation still race each other freely.
 *
 * <p><b>Duration.</b> The default build runs 20 seconds. The root pom's profile {@code soak} runs ten
 * minutes: {@code mvn -B verify -Psoak}; any length with {@code -Dgovernor.soak.seconds=N}, and the
 * soak alone with {@code -Dtest=MemorySoakConformanceTest -Dsurefire.failIfNoSpecifiedTests=false}.
 * The seed is printed; {@code -Dgovernor.seed=N} replays every thread's random choices (the
 * interleaving is the scheduler's). A run that hangs fails after a deadline with a dump of every
 * thread.
 */
public abstract class SoakConformanceTest {
  private static final int THREADS = 4;
  private static final long SECONDS = Long.getLong("governor.soak.seconds", 20);
  /** Generous bound for pausing or joining; it detects hangs, it never measures speed. */
  private static final Duration HANG = Duration.ofSeconds(60);
  private static final Instant START = Instant.parse("2026-01-15T10:00:00Z");

  /** A fresh, unopened store of the implementation under test. */
  protected abstract GovernanceStore newStore();

  @Test
  void mixedWorkload_fourThreadsAcrossManyPeriods_conservationHoldsAtEveryCheckpoint() throws InterruptedException {
    long seed = Seeds.seed(getClass().getSimpleName() + ".mixedWorkload (" + SECONDS + " s)");
    SplittableRandom master = new SplittableRandom(seed);
    FakeClock clock = new FakeClock(START);
    // Keys must outlive the run: a key counted again after its retention is the semantics (docs/semantics.md), not a bug.
    GovernanceEngine engine = GovernanceEngine.builder().store(newStore()).clock(clock)
        .idempotencyRetention(Duration.ofDays(3650)).build();
    engine.entityTypes().upsert(List.of(
        EntityTypeUpsert.of("org").displayName("Org").attributionKeys("orgId"),
        EntityTypeUpsert.of("team").displayName("Team").attributionKeys("teamId"),
        EntityTypeUpsert.of("user").displayName("User").attributionKeys("userId"),
        EntityTypeUpsert.of("model").displayName("Model").attributionKeys("modelId")));
    engine.capabilities().upsert(List.of(CapabilityUpsert.meter(TOKENS), CapabilityUpsert.meter(CALLS)));
    List<SoakTenant> tenants = List.of(SoakTenant.create(engine, "soak-a", 12), SoakTenant.create(engine, "soak-b", 12));

    SoakLedger ledger = new SoakLedger();
    ReentrantReadWriteLock gate = new ReentrantReadWriteLock(true);
    AtomicBoolean stop = new AtomicBoolean();
    LongAdder operations = new LongAdder();
    LongAdder lostRaces = new LongAdder();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      SoakOps ops = new SoakOps(engine, clock, tenants, ledger, master.split(), lostRaces);
      threads.add(new Thread(() -> work(ops, gate, stop, ledger, operations), "soak-worker-" + i));
    }
    SplittableRandom clockRandom = master.split();
    threads.add(new Thread(() -> tick(clock, clockRandom, gate, stop), "soak-clock"));
    threads.forEach(t -> {
      t.setDaemon(true);
      t.start();
    });

    long checkpoints = 0;
    long budgetsChecked = 0;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
    try {
      while (System.nanoTime() < end && !ledger.failed()) {
        // Pacing only: nothing is asserted about time.
        Thread.sleep(Math.min(1_000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
        budgetsChecked += checkpoint(engine, clock, tenants, ledger, gate);
        checkpoints++;
      }
    } finally {
      stop.set(true);
      for (Thread t : threads) {
        ThreadDumps.join(t, HANG);
      }
    }
    budgetsChecked += checkpoint(engine, clock, tenants, ledger, gate);
    checkpoints++;

    Duration engineTime = Duration.between(START, clock.instant());
    System.out.printf("[soak] %d s, %d operations, %d checkpoints, %d budget-periods checked, engine time %s, "
            + "granted %d, denied %d, duplicates %d, recorded events %d, late budget entries %d, lost churn races %d%n",
        SECONDS, operations.sum(), checkpoints, budgetsChecked, engineTime, ledger.granted.sum(), ledger.denied.sum(),
        ledger.duplicates.sum(), ledger.recordedEvents.sum(), ledger.lateBudgets.sum(), lostRaces.sum());
    assertThat(ledger.failures()).as("broken rules (seed %s)", seed).isEmpty();
    // The workload must have exercised what it claims to, or a pass would mean nothing.
    assertThat(checkpoints).as("checkpoints").isGreaterThanOrEqualTo(2);
    assertThat(engineTime).as("engine time covered").isGreaterThan(Duration.ofHours(1));
    assertThat(ledger.granted.sum()).as("granted consumes").isPositive();
    assertThat(ledger.denied.sum()).as("denied consumes").isPositive();
    assertThat(ledger.duplicates.sum()).as("repeated idempotency keys").isPositive();
    assertThat(ledger.lateBudgets.sum()).as("late events").isPositive();
  }

  /** A worker: random operations, each inside the gate, until stopped or something broke. */
  private static void work(SoakOps ops, ReentrantReadWriteLock gate, AtomicBoolean stop, SoakLedger ledger,
      LongAdder operations) {
    while (!stop.get() && !ledger.failed()) {
      gate.readLock().lock();
      try {
        ops.step();
        operations.increment();
      } catch (RuntimeException | Error e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        ledger.fail("unexpected " + trace);
      } finally {
        gate.readLock().unlock();
      }
    }
  }

  /** The clock thread: steps of up to two minutes, each between operations. */
  private static void tick(FakeClock clock, SplittableRandom rnd, ReentrantReadWriteLock gate, AtomicBoolean stop) {
    while (!stop.get()) {
      gate.writeLock().lock();
      try {
        clock.advance(Duration.ofMillis(rnd.nextLong(0, 120_000)));
      } finally {
        gate.writeLock().unlock();
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Pauses every thread between operations and compares every budget's usage with the ledger;
   * returns how many budgets it checked. Forgets the ledger's past periods afterwards.
   */
  private static long checkpoint(GovernanceEngine engine, FakeClock clock, List<SoakTenant> tenants, SoakLedger ledger,
      ReentrantReadWriteLock gate) throws InterruptedException {
    if (!gate.writeLock().tryLock(HANG.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("the soak's threads did not pause within " + HANG + "\n" + ThreadDumps.all());
    }
    try {
      long checked = 0;
      long now = clock.millis();
      Set<BudgetPeriod> current = new HashSet<>();
      for (SoakTenant t : tenants) {
        for (String cap : List.of(TOKENS, CALLS)) {
          for (TreeRow row : rows(engine, t.id, cap)) {
            checked++;
            Instant period = SoakOps.periodStart(row.cadence(), now);
            current.add(new BudgetPeriod(row.assignmentId(), period));
            if (!row.periodStart().equals(period)) {
              ledger.fail("query reported period " + row.periodStart() + " at " + clock.instant() + " for " + row);
            }
            check(t, row, ledger);
          }
        }
      }
      ledger.retainOnly(current);
      ledger.forgetKeysBefore(SoakOps.keyEpoch(now));
      return checked;
    } finally {
      gate.writeLock().unlock();
    }
  }

  private static void check(SoakTenant t, TreeRow row, SoakLedger ledger) {
    long usage = row.currentUsage();
    Assignment own = t.userCalls.get(row.entityId());
    boolean tracked = row.capabilityId().equals(TOKENS) || (own != null && own.id().equals(row.assignmentId()));
    long expected = ledger.expected(row.assignmentId(), row.periodStart());
    if (tracked && usage != expected) {
      ledger.fail("conservation broken: the answers added " + expected + " to " + row.entityId() + " "
          + row.capabilityId() + " " + row.scopeEntityIds() + " in the period from " + row.periodStart()
          + ", the engine counts " + usage + " (" + row + ")");
    }
    Long highest = t.maxLimit.get(row.assignmentId());
    long consumed = usage - ledger.ingested(row.assignmentId(), row.periodStart());
    if (highest == null) {
      ledger.fail("a budget the soak never created: " + row);
    } else if (consumed > highest) {
      ledger.fail("consume overspent: " + consumed + " consumed (plus " + (usage - consumed) + " ingested) on a budget"
          + " whose limit was never above " + highest + ": " + row);
    }
  }

  private static List<TreeRow> rows(GovernanceEngine engine, String owner, String capability) {
    List<TreeRow> out = new ArrayList<>();
    TreeQuery q = TreeQuery.budgets(capability).includeArchived(true).limit(100);
    String after = null;
    do {
      var page = engine.query(owner, q.after(after));
      out.addAll(page.items());
      after = page.nextCursor();
    } while (after != null);
    return out;
  }
}
