package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.catalog.Cadence;
import dev.governor.catalog.Entity;
import dev.governor.spi.BudgetSet;
import dev.governor.spi.GovernanceStore;
import dev.governor.spi.IngestBatch;
import dev.governor.spi.LedgerCounter;
import dev.governor.spi.IdempotencyClaim;
import dev.governor.spi.LedgerReply;
import dev.governor.spi.LedgerStatus;
import dev.governor.spi.OwnerChanges;
import dev.governor.spi.OwnerLedger;
import dev.governor.spi.StoredAssignment;
import java.time.Clock;
import java.time.ZoneOffset;
import dev.governor.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link OwnerLedger} contract, exercised directly through a store without an engine, so that a
 * new store passes the same tests: staleness (with the current version in the reply), all-or-nothing
 * consume, idempotency keys with fingerprints, ingest with late, duplicate, conflicting and
 * overflowing events, lazy rollover and consistent reads. Calls go through {@link Driver}, which
 * unpacks replies into statuses.
 *
 * <p>Budgets here use fixed-length periods computed by the test's own {@link BudgetSet}; the store
 * must only follow what the set tells it.
 */
public abstract class LedgerContractConformanceTest {
  private static final String OWNER = "cus-acme";
  private static final String OTHER_OWNER = "cus-globex";
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;
  private static final long U = BudgetSet.UNLIMITED;
  private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

  private final FakeClock clock = new FakeClock(T0);
  private GovernanceStore store;
  private Driver ledger;
  private final List<UUID> ids = new ArrayList<>();

  /** A fresh store of the implementation under test. */
  protected abstract GovernanceStore newStore();

  @BeforeEach
  void openStoreWithFourAssignments() {
    store = newStore();
    for (int i = 0; i < 4; i++) {
      ids.add(UUID.randomUUID());
    }
    List<StoredAssignment> assignments = new ArrayList<>();
    for (UUID id : ids) {
      assignments.add(assignment(id, 10L));
    }
    commit(OWNER, new OwnerChanges(List.of(entity("org-acme")), assignments, List.of(), List.of()));
    ledger = new Driver(store.ledger().owner(OWNER));
  }

  private void commit(String ownerId, OwnerChanges changes) {
    long version = store.catalog().owner(ownerId, null).version();
    assertThat(store.catalog().commitOwner(ownerId, version, changes).committed()).isTrue();
  }

  private static Entity entity(String id) {
    return new Entity(id, "org", null, Map.of(), null, null, T0, T0);
  }

  private static StoredAssignment assignment(UUID id, Long limit) {
    // Each test assignment limits its own capability, so their natural keys differ.
    return new StoredAssignment(id, "org-acme", "ai-tokens-" + id, Set.of(), limit, null, List.of(), Cadence.parse("PT1H"),
        null, null, T0, T0);
  }

  private long version() {
    return store.catalog().owner(OWNER, null).version();
  }

  /** Bumps the owner's catalog version by a change that touches no assignment. */
  private void bumpCatalog(String entityId) {
    commit(OWNER, new OwnerChanges(List.of(entity(entityId)), List.of(), List.of(), List.of()));
  }

  private LedgerCounter counter(int assignment) {
    return store.catalog().owner(OWNER, null).counter(ids.get(assignment));
  }

  /** The fingerprint the driver sends with a key unless a test names another one. */
  private static long fingerprint(String key) {
    return key == null ? 0L : key.hashCode();
  }

  /**
   * The ledger under test with replies unpacked into statuses; a key's fingerprint is derived from
   * the key, so the same key is the same request unless a test says otherwise. Claims hold for a day.
   */
  private final class Driver {
    final OwnerLedger real;
    /** The version the last STALE reply carried. */
    long staleVersion = -1;

    Driver(OwnerLedger real) {
      this.real = real;
    }

    String ownerId() {
      return real.ownerId();
    }

    private LedgerStatus status(long reply) {
      if (LedgerReply.isStale(reply)) {
        staleVersion = LedgerReply.currentVersion(reply);
      }
      return LedgerReply.status(reply);
    }

    LedgerStatus read(BudgetSet set, long now, long[] out) {
      return status(real.read(set, now, out));
    }

    LedgerStatus check(BudgetSet set, long now, long amount) {
      return status(real.check(set, Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC), amount));
    }

    void readEach(BudgetSet set, long now, long[] out) {
      assertThat(status(real.readEach(set, now, out))).isEqualTo(LedgerStatus.OK);
    }

    LedgerStatus consume(BudgetSet set, long now, long amount, String key, long[] out) {
      return consume(set, now, amount, key, fingerprint(key), out);
    }

    LedgerStatus consume(BudgetSet set, long now, long amount, String key, long fingerprint, long[] out) {
      IdempotencyClaim claim = key == null ? null : new IdempotencyClaim(key, fingerprint, now + DAY);
      return status(real.consume(set, now, amount, claim, out));
    }

    LedgerStatus ingest(IngestBatch batch, long now) {
      return status(real.ingest(batch, now));
    }
  }

  /** Budgets over assignments {@code which} with these limits, all hourly, at the current version. */
  private Budgets budgets(int[] which, long... limits) {
    long[] periods = new long[which.length];
    java.util.Arrays.fill(periods, HOUR);
    return budgets(which, limits, periods);
  }

  private Budgets budgets(int[] which, long[] limits, long[] periods) {
    LedgerCounter[] counters = new LedgerCounter[which.length];
    for (int i = 0; i < which.length; i++) {
      counters[i] = counter(which[i]);
    }
    return new Budgets(version(), counters, limits, periods);
  }

  private static int[] of(int... which) {
    return which;
  }

  private long now() {
    return clock.millis();
  }

  private long[] read(BudgetSet set) {
    long[] out = new long[set.size()];
    assertThat(ledger.read(set, now(), out)).isEqualTo(LedgerStatus.OK);
    return out;
  }

  /** A budget set with fixed-length periods counted from the epoch. Immutable. */
  private record Budgets(long version, LedgerCounter[] counters, long[] limits, long[] periods) implements BudgetSet {
    @Override
    public long catalogVersion() {
      return version;
    }

    @Override
    public int size() {
      return counters.length;
    }

    @Override
    public LedgerCounter counter(int i) {
      return counters[i];
    }

    @Override
    public long limit(int i) {
      return limits[i];
    }

    @Override
    public long periodStart(int i, long timeMillis) {
      return Math.floorDiv(timeMillis, periods[i]) * periods[i];
    }
  }

  private IngestBatch batch(BudgetSet[] sets, long[] amounts, String[] keys, long[] times) {
    long[] fingerprints = new long[keys.length];
    for (int e = 0; e < keys.length; e++) {
      fingerprints[e] = fingerprint(keys[e]);
    }
    return new IngestBatch(sets.length == 0 ? version() : sets[0].catalogVersion(), BudgetSet.ANY_GLOBAL_VERSION, sets, amounts,
        keys, fingerprints, times, now() + DAY);
  }

  // ------------------------------------------------------------------ versions

  @Test
  void everyOperation_onOlderCatalogVersion_returnsStaleWithTheCurrentVersionAndChangesNothing() {
    Budgets set = budgets(of(0, 1), 10, U);
    ledger.consume(set, now(), 2, null, null);
    bumpCatalog("team-eng");
    long current = version();
    Budgets stale = set;
    long[] out = new long[2];
    assertThat(ledger.read(stale, now(), out)).isEqualTo(LedgerStatus.STALE);
    assertThat(ledger.staleVersion).isEqualTo(current);
    ledger.staleVersion = -1;
    assertThat(ledger.check(stale, now(), 1)).isEqualTo(LedgerStatus.STALE);
    assertThat(ledger.staleVersion).isEqualTo(current);
    ledger.staleVersion = -1;
    assertThat(ledger.status(ledger.real.readEach(stale, now(), out))).isEqualTo(LedgerStatus.STALE);
    assertThat(ledger.staleVersion).isEqualTo(current);
    ledger.staleVersion = -1;
    assertThat(ledger.consume(stale, now(), 3, "req-1", out)).isEqualTo(LedgerStatus.STALE);
    assertThat(ledger.staleVersion).isEqualTo(current);
    ledger.staleVersion = -1;
    assertThat(ledger.consume(budgets(of(), new long[0]), now(), 3, "req-2", out)).isEqualTo(LedgerStatus.GRANTED);
    Budgets emptyStale = new Budgets(current - 1, new LedgerCounter[0], new long[0], new long[0]);
    assertThat(ledger.check(emptyStale, now(), 1)).as("an empty set is validated too").isEqualTo(LedgerStatus.STALE);
    IngestBatch batch = batch(new BudgetSet[] {stale}, new long[] {4}, new String[] {"evt-1"}, new long[] {now()});
    assertThat(ledger.ingest(batch, now())).isEqualTo(LedgerStatus.STALE);
    assertThat(ledger.staleVersion).isEqualTo(current);

    Budgets fresh = budgets(of(0, 1), 10, U);
    assertThat(read(fresh)).containsExactly(2, 2);
    // Neither key was claimed by the stale attempts.
    assertThat(ledger.consume(fresh, now(), 3, "req-1", null)).isEqualTo(LedgerStatus.GRANTED);
    IngestBatch retry = batch(new BudgetSet[] {fresh}, new long[] {4}, new String[] {"evt-1"}, new long[] {now()});
    assertThat(ledger.ingest(retry, now())).isEqualTo(LedgerStatus.OK);
    assertThat(retry.outcome(0)).isEqualTo(LedgerStatus.OK);
    assertThat(read(fresh)).containsExactly(9, 9);
  }

  // ------------------------------------------------------------------ read and check

  @Test
  void read_freshCounters_readZero() {
    assertThat(read(budgets(of(0, 1, 2), 10, U, 0))).containsExactly(0, 0, 0);
  }

  @Test
  void readEach_agreesWithRead() {
    Budgets set = budgets(of(0, 1, 2), 100, 100, U);
    ledger.consume(budgets(of(0, 1), 100, 100), now(), 7, null, null);
    ledger.consume(budgets(of(1, 2), 100, U), now(), 5, null, null);
    long[] each = new long[3];
    ledger.readEach(set, now(), each);
    assertThat(each).containsExactly(7, 12, 5);
    assertThat(read(set)).containsExactly(7, 12, 5);
  }

  @Test
  void check_decidesOnEveryLimitedBudgetAndChangesNothing() {
    Budgets set = budgets(of(0, 1, 2), 10, 6, U);
    ledger.consume(set, now(), 4, null, null);
    assertThat(ledger.check(set, now(), 2)).isEqualTo(LedgerStatus.GRANTED);
    assertThat(ledger.check(set, now(), 3)).isEqualTo(LedgerStatus.DENIED);
    assertThat(ledger.check(set, now(), 0)).isEqualTo(LedgerStatus.GRANTED);
    assertThat(ledger.check(budgets(of(2), U), now(), Long.MAX_VALUE)).isEqualTo(LedgerStatus.GRANTED);
    assertThat(read(set)).containsExactly(4, 4, 4);
  }

  @Test
  void check_readsTheClockAtMostOnceAndDecidesAtThatTime() {
    Budgets set = budgets(of(0, 1, 2), 10, 6, U);
    ledger.consume(set, now(), 4, null, null);
    for (long amount : new long[] {0, 2, 3}) {
      CountingClock counting = new CountingClock(now());
      LedgerStatus status = LedgerReply.status(ledger.real.check(set, counting, amount));
      assertThat(status).isEqualTo(amount <= 2 ? LedgerStatus.GRANTED : LedgerStatus.DENIED);
      assertThat(counting.reads).as("clock reads for amount %d", amount).isLessThanOrEqualTo(1);
    }
    assertThat(read(set)).containsExactly(4, 4, 4);
  }

  @Test
  void check_usageOfAClosedPeriod_grantedAtTheCurrentTime() {
    // Hourly budget filled in the previous hour: the recorded usage no longer counts now.
    Budgets set = budgets(of(0), 5);
    ledger.consume(set, now() - HOUR, 5, null, null);
    assertThat(ledger.check(set, now(), 1)).isEqualTo(LedgerStatus.GRANTED);
    assertThat(ledger.check(set, now() - HOUR, 1)).isEqualTo(LedgerStatus.DENIED);
  }

  /** A fixed clock that counts how often it is read. */
  private static final class CountingClock extends Clock {
    private final long millis;
    int reads;

    CountingClock(long millis) {
      this.millis = millis;
    }

    @Override
    public long millis() {
      reads++;
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void check_limitZero_deniesPositiveAmounts() {
    Budgets set = budgets(of(0), 0);
    assertThat(ledger.check(set, now(), 1)).isEqualTo(LedgerStatus.DENIED);
    assertThat(ledger.check(set, now(), 0)).isEqualTo(LedgerStatus.GRANTED);
  }

  // ------------------------------------------------------------------ consume

  @Test
  void consume_everyBudgetHasRoom_addsToAllAndReportsUsageBefore() {
    Budgets set = budgets(of(0, 1, 2), 10, U, 20);
    long[] out = new long[3];
    assertThat(ledger.consume(set, now(), 4, null, out)).isEqualTo(LedgerStatus.GRANTED);
    assertThat(out).containsExactly(0, 0, 0);
    assertThat(ledger.consume(set, now(), 5, null, out)).isEqualTo(LedgerStatus.GRANTED);
    assertThat(out).containsExactly(4, 4, 4);
    assertThat(read(set)).containsExactly(9, 9, 9);
  }

  @Test
  void consume_oneBudgetWithoutRoom_changesNothingAndReportsUsage() {
    ledger.consume(budgets(of(1), U), now(), 2, null, null);
    Budgets set = budgets(of(0, 1, 2), 10, 5, U);
    long[] out = new long[3];
    assertThat(ledger.consume(set, now(), 4, null, out)).isEqualTo(LedgerStatus.DENIED);
    assertThat(out).containsExactly(0, 2, 0);
    assertThat(read(set)).containsExactly(0, 2, 0);
  }

  @Test
  void consume_exactlyToTheLimit_grantsThenDenies() {
    Budgets set = budgets(of(0), 10);
    assertThat(ledger.consume(set, now(), 10, null, null)).isEqualTo(LedgerStatus.GRANTED);
    assertThat(ledger.consume(set, now(), 1, null, null)).isEqualTo(LedgerStatus.DENIED);
    assertThat(read(set)).containsExactly(10);
  }

  @Test
  void consume_claimedKey_isDuplicateReportsUsageAndAddsNothing() {
    Budgets set = budgets(of(0, 1), 10, U);
    assertThat(ledger.consume(set, now(), 3, "req-1", null)).isEqualTo(LedgerStatus.GRANTED);
    long[] out = new long[2];
    assertThat(ledger.consume(set, now(), 3, "req-1", out)).isEqualTo(LedgerStatus.DUPLICATE);
    assertThat(out).containsExactly(3, 3);
    // Even when the amount would no longer fit, a claimed key is a duplicate, not a denial.
    assertThat(ledger.consume(set, now(), 100, "req-1", null)).isEqualTo(LedgerStatus.DUPLICATE);
    assertThat(read(set)).containsExactly(3, 3);
  }

  @Test
  void consume_denied_doesNotClaimItsKey() {
    Budgets set = budgets(of(0), 5);
    assertThat(ledger.consume(set, now(), 6, "req-1", null)).isEqualTo(LedgerStatus.DENIED);
    assertThat(ledger.consume(set, now(), 5, "req-1", null)).isEqualTo(LedgerStatus.GRANTED);
    assertThat(read(set)).containsExactly(5);
  }

  @Test
  void consume_keyClaimedByAnotherRequest_conflictChangesNothing() {
    Budgets set = budgets(of(0, 1), 10, U);
    assertThat(ledger.consume(set, now(), 3, "req-1", 111L, null)).isEqualTo(LedgerStatus.GRANTED);
    long[] out = new long[2];
    assertThat(ledger.consume(set, now(), 4, "req-1", 222L, out)).isEqualTo(LedgerStatus.KEY_CONFLICT);
    assertThat(read(set)).containsExactly(3, 3);
    // The first request's retry is still a duplicate: the conflict claimed nothing.
    assertThat(ledger.consume(set, now(), 3, "req-1", 111L, null)).isEqualTo(LedgerStatus.DUPLICATE);
  }

  @Test
  void ingest_keyClaimedByAnotherRequest_conflictRefusesTheWholeBatch() {
    Budgets set = budgets(of(0), U);
    ledger.consume(set, now(), 1, "shared", 111L, null);
    long[] fingerprints = {5L, 222L};
    IngestBatch batch = new IngestBatch(version(), BudgetSet.ANY_GLOBAL_VERSION, new BudgetSet[] {set, set}, new long[] {2, 3},
        new String[] {"evt-1", "shared"}, fingerprints, new long[] {now(), now()}, now() + DAY);
    assertThat(ledger.ingest(batch, now())).isEqualTo(LedgerStatus.KEY_CONFLICT);
    assertThat(batch.failedIndex()).isEqualTo(1);
    assertThat(read(set)).containsExactly(1);
    // evt-1 was not claimed by the refused batch.
    IngestBatch retry = batch(new BudgetSet[] {set}, new long[] {2}, new String[] {"evt-1"}, new long[] {now()});
    assertThat(ledger.ingest(retry, now())).isEqualTo(LedgerStatus.OK);
    assertThat(retry.outcome(0)).isEqualTo(LedgerStatus.OK);
  }

  @Test
  void ingest_sameKeyTwiceInOneBatchForDifferentRequests_conflict() {
    Budgets set = budgets(of(0), U);
    IngestBatch batch = new IngestBatch(version(), BudgetSet.ANY_GLOBAL_VERSION, new BudgetSet[] {set, set}, new long[] {2, 3},
        new String[] {"evt-1", "evt-1"}, new long[] {1L, 2L}, new long[] {now(), now()}, now() + DAY);
    assertThat(ledger.ingest(batch, now())).isEqualTo(LedgerStatus.KEY_CONFLICT);
    assertThat(batch.failedIndex()).isEqualTo(1);
    assertThat(read(set)).containsExactly(0);
  }

  @Test
  void consume_emptyBudgetSetWithKey_grantsAndClaims() {
    Budgets none = budgets(of(), new long[0]);
    assertThat(ledger.consume(none, now(), 1, "req-1", new long[0])).isEqualTo(LedgerStatus.GRANTED);
    assertThat(ledger.consume(none, now(), 1, "req-1", new long[0])).isEqualTo(LedgerStatus.DUPLICATE);
  }

  @Test
  void consume_pastMaxValueOnUnlimited_overflowsAndChangesNothing() {
    Budgets set = budgets(of(0, 1), U, 100);
    ledger.ingest(batch(new BudgetSet[] {budgets(of(0), U)}, new long[] {Long.MAX_VALUE - 1}, new String[1],
        new long[] {now()}), now());
    long[] out = new long[2];
    assertThat(ledger.consume(set, now(), 2, "req-1", out)).isEqualTo(LedgerStatus.OVERFLOW);
    assertThat(read(set)).containsExactly(Long.MAX_VALUE - 1, 0);
    assertThat(ledger.consume(set, now(), 1, "req-1", null)).isEqualTo(LedgerStatus.GRANTED);
    assertThat(read(set)).containsExactly(Long.MAX_VALUE, 1);
  }

  // ------------------------------------------------------------------ keys

  @Test
  void ingestAndConsume_sameKey_shareOneNamespace() {
    Budgets set = budgets(of(0), U);
    ledger.consume(set, now(), 1, "shared", null);
    IngestBatch batch = batch(new BudgetSet[] {set}, new long[] {5}, new String[] {"shared"}, new long[] {now()});
    assertThat(ledger.ingest(batch, now())).isEqualTo(LedgerStatus.OK);
    assertThat(batch.outcome(0)).isEqualTo(LedgerStatus.DUPLICATE);
    ledger.ingest(batch(new BudgetSet[] {set}, new long[] {5}, new String[] {"other"}, new long[] {now()}), now());
    assertThat(ledger.consume(set, now(), 1, "other", null)).isEqualTo(LedgerStatus.DUPLICATE);
    assertThat(read(set)).containsExactly(6);
  }

  @Test
  void consume_keyOlderThanRetention_isGrantedAgain() {
    Budgets set = budgets(of(0), U);
    ledger.consume(set, now(), 1, "req-1", null);
    clock.advance(Duration.ofHours(24).minusMillis(1));
    assertThat(ledger.consume(budgets(of(0), U), now(), 1, "req-1", null)).isEqualTo(LedgerStatus.DUPLICATE);
    clock.advance(Duration.ofMillis(2));
    assertThat(ledger.consume(budgets(of(0), U), now(), 1, "req-1", null)).isEqualTo(LedgerStatus.GRANTED);
  }

  @Test
  void consume_sameKeyInTwoOwners_isGrantedInBoth() {
    UUID theirs = UUID.randomUUID();
    commit(OTHER_OWNER, new OwnerChanges(List.of(entity("org-acme")), List.of(assignment(theirs, 10L)), List.of(), List.of()));
    Driver other = new Driver(store.ledger().owner(OTHER_OWNER));
    long otherVersion = store.catalog().owner(OTHER_OWNER, null).version();
    LedgerCounter theirCounter = store.catalog().owner(OTHER_OWNER, null).counter(theirs);
    Budgets theirSet = new Budgets(otherVersion, new LedgerCounter[] {theirCounter}, new long[] {10}, new long[] {HOUR});

    assertThat(ledger.consume(budgets(of(0), 10), now(), 4, "req-1", null)).isEqualTo(LedgerStatus.GRANTED);
    assertThat(other.consume(theirSet, now(), 3, "req-1", null)).isEqualTo(LedgerStatus.GRANTED);
    long[] out = new long[1];
    assertThat(other.read(theirSet, now(), out)).isEqualTo(LedgerStatus.OK);
    assertThat(out).containsExactly(3);
    assertThat(read(budgets(of(0), 10))).containsExactly(4);
  }

  // ------------------------------------------------------------------ ingest

  @Test
  void ingest_addsToEveryBudgetAndReportsUsageAfterEachEvent() {
    Budgets ab = budgets(of(0, 1), 5, U);
    Budgets b = budgets(of(1), U);
    IngestBatch batch = batch(new BudgetSet[] {ab, b, ab}, new long[] {3, 4, 8}, new String[3],
        new long[] {now(), now(), now()});
    assertThat(ledger.ingest(batch, now())).isEqualTo(LedgerStatus.OK);
    assertThat(List.of(batch.outcome(0), batch.outcome(1), batch.outcome(2)))
        .containsExactly(LedgerStatus.OK, LedgerStatus.OK, LedgerStatus.OK);
    assertThat(List.of(batch.usageAfter(0, 0), batch.usageAfter(0, 1), batch.usageAfter(1, 0), batch.usageAfter(2, 0),
        batch.usageAfter(2, 1))).containsExactly(3L, 3L, 7L, 11L, 15L);
    // Ingest never gates: budget 0 is past its limit of 5.
    assertThat(read(ab)).containsExactly(11, 15);
    assertThat(batch.failedIndex()).isEqualTo(-1);
  }

  @Test
  void ingest_repeatedKeys_withinBatchAndAcrossCalls_areDuplicates() {
    Budgets set = budgets(of(0), U);
    IngestBatch first = batch(new BudgetSet[] {set, set, set}, new long[] {1, 2, 4},
        new String[] {"evt-1", "evt-2", "evt-1"}, new long[] {now(), now(), now()});
    assertThat(ledger.ingest(first, now())).isEqualTo(LedgerStatus.OK);
    assertThat(List.of(first.outcome(0), first.outcome(1), first.outcome(2)))
        .containsExactly(LedgerStatus.OK, LedgerStatus.OK, LedgerStatus.DUPLICATE);
    IngestBatch second = batch(new BudgetSet[] {set}, new long[] {8}, new String[] {"evt-2"}, new long[] {now()});
    ledger.ingest(second, now());
    assertThat(second.outcome(0)).isEqualTo(LedgerStatus.DUPLICATE);
    assertThat(read(set)).containsExactly(3);
  }

  @Test
  void ingest_eventOfAClosedPeriod_isLateForThatBudgetOnly() {
    // Budget 0 is hourly, budget 1 daily: an event of the previous hour is late only for budget 0.
    Budgets set = budgets(of(0, 1), new long[] {U, U}, new long[] {HOUR, DAY});
    ledger.consume(set, now(), 2, null, null);
    long previousHour = now() - HOUR;
    IngestBatch batch = batch(new BudgetSet[] {set}, new long[] {5}, new String[] {"evt-late"}, new long[] {previousHour});
    assertThat(ledger.ingest(batch, now())).isEqualTo(LedgerStatus.OK);
    assertThat(batch.outcome(0)).isEqualTo(LedgerStatus.OK);
    assertThat(batch.isLate(0, 0)).isTrue();
    assertThat(batch.usageAfter(0, 0)).isEqualTo(2L);
    assertThat(batch.isLate(0, 1)).isFalse();
    assertThat(batch.usageAfter(0, 1)).isEqualTo(7L);
    assertThat(read(set)).containsExactly(2, 7);
  }

  @Test
  void ingest_earlierTimeInTheCurrentPeriod_isAdded() {
    Budgets set = budgets(of(0), U);
    clock.set(T0.plus(Duration.ofMinutes(30)));
    ledger.consume(set, now(), 2, null, null);
    IngestBatch batch = batch(new BudgetSet[] {set}, new long[] {5}, new String[1], new long[] {T0.toEpochMilli()});
    ledger.ingest(batch, now());
    assertThat(batch.usageAfter(0, 0)).isEqualTo(7L);
  }

  @Test
  void ingest_overflow_changesNothingAndClaimsNoKey() {
    Budgets big = budgets(of(0), U);
    Budgets other = budgets(of(1), U);
    ledger.ingest(batch(new BudgetSet[] {big}, new long[] {Long.MAX_VALUE - 1}, new String[1], new long[] {now()}), now());
    IngestBatch batch = batch(new BudgetSet[] {other, big}, new long[] {1, 2}, new String[] {"evt-1", "evt-2"},
        new long[] {now(), now()});
    assertThat(ledger.ingest(batch, now())).isEqualTo(LedgerStatus.OVERFLOW);
    assertThat(batch.failedIndex()).isEqualTo(1);
    assertThat(read(budgets(of(0, 1), U, U))).containsExactly(Long.MAX_VALUE - 1, 0);
    IngestBatch retry = batch(new BudgetSet[] {other, big}, new long[] {1, 1}, new String[] {"evt-1", "evt-2"},
        new long[] {now(), now()});
    assertThat(ledger.ingest(retry, now())).isEqualTo(LedgerStatus.OK);
    assertThat(List.of(retry.outcome(0), retry.outcome(1))).containsExactly(LedgerStatus.OK, LedgerStatus.OK);
    assertThat(read(budgets(of(0, 1), U, U))).containsExactly(Long.MAX_VALUE, 1);
  }

  @Test
  void ingest_overflowWithinOneBatch_changesNothing() {
    Budgets set = budgets(of(0), U);
    IngestBatch batch = batch(new BudgetSet[] {set, set}, new long[] {Long.MAX_VALUE, 1}, new String[2],
        new long[] {now(), now()});
    assertThat(ledger.ingest(batch, now())).isEqualTo(LedgerStatus.OVERFLOW);
    assertThat(batch.failedIndex()).isEqualTo(1);
    assertThat(read(set)).containsExactly(0);
  }

  // ------------------------------------------------------------------ periods

  @Test
  void read_counterOfAnOlderPeriod_readsZeroAndRestartsOnWrite() {
    Budgets set = budgets(of(0), 10);
    ledger.consume(set, now(), 5, null, null);
    clock.set(T0.plus(Duration.ofHours(1)).minusMillis(1));
    assertThat(read(set)).containsExactly(5);
    clock.set(T0.plus(Duration.ofHours(1)));
    assertThat(read(set)).containsExactly(0);
    assertThat(ledger.check(set, now(), 10)).isEqualTo(LedgerStatus.GRANTED);
    long[] out = new long[1];
    assertThat(ledger.consume(set, now(), 10, null, out)).isEqualTo(LedgerStatus.GRANTED);
    assertThat(out).containsExactly(0);
    assertThat(read(set)).containsExactly(10);
  }

  @Test
  void ingest_counterOfAnOlderPeriod_startsFromZero() {
    Budgets set = budgets(of(0), U);
    ledger.consume(set, now(), 5, null, null);
    clock.advance(Duration.ofHours(3));
    IngestBatch batch = batch(new BudgetSet[] {set}, new long[] {2}, new String[1], new long[] {now()});
    ledger.ingest(batch, now());
    assertThat(batch.usageAfter(0, 0)).isEqualTo(2L);
  }

  @Test
  void read_counterAlreadyInALaterPeriod_isTakenAsItIs() {
    // Another caller saw a later clock and moved the counter on; an earlier "now" must not reset it.
    Budgets set = budgets(of(0), 10);
    long later = now() + HOUR;
    ledger.consume(set, later, 4, null, null);
    long[] out = new long[1];
    assertThat(ledger.read(set, now(), out)).isEqualTo(LedgerStatus.OK);
    assertThat(out).containsExactly(4);
    assertThat(ledger.consume(set, now(), 7, null, null)).isEqualTo(LedgerStatus.DENIED);
    assertThat(ledger.read(set, later, out)).isEqualTo(LedgerStatus.OK);
    assertThat(out).containsExactly(4);
  }

  // ------------------------------------------------------------------ catalog and counters

  @Test
  void putAssignment_replacingAnAssignment_keepsItsCounter() {
    ledger.consume(budgets(of(0), 10), now(), 5, null, null);
    commit(OWNER, new OwnerChanges(List.of(), List.of(assignment(ids.get(0), 50L)), List.of(), List.of()));
    assertThat(read(budgets(of(0), 50))).containsExactly(5);
  }

  @Test
  void removeAssignment_withUsage_dropsItsCounter() {
    ledger.consume(budgets(of(0), 10), now(), 5, null, null);
    commit(OWNER, new OwnerChanges(List.of(), List.of(), List.of(ids.get(0)), List.of()));
    commit(OWNER, new OwnerChanges(List.of(), List.of(assignment(ids.get(0), 10L)), List.of(), List.of()));
    assertThat(read(budgets(of(0), 10))).containsExactly(0);
  }

  @Test
  void read_whileAnotherThreadConsumes_seesOneConsistentSnapshot() throws Exception {
    // Every consume adds 1 to both counters atomically, so any consistent read sees them equal.
    Budgets set = budgets(of(0, 1), U, U);
    int writes = 20_000;
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      try {
        for (int i = 0; i < writes; i++) {
          ledger.consume(set, T0.toEpochMilli(), 1, null, null);
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "ledger-contract-writer");
    writer.start();
    long[] out = new long[2];
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int reads = 0;
    while (writer.isAlive() && System.nanoTime() < deadline) {
      assertThat(ledger.read(set, T0.toEpochMilli(), out)).isEqualTo(LedgerStatus.OK);
      assertThat(out[0]).as("read %s", reads).isEqualTo(out[1]);
      reads++;
    }
    writer.join(TimeUnit.SECONDS.toMillis(60));
    assertThat(writer.isAlive()).as("writer finished within the deadline").isFalse();
    assertThat(failure.get()).isNull();
    assertThat(read(set)).containsExactly(writes, writes);
  }
}
