package dev.governor.storage.memory;

import dev.governor.spi.BudgetSet;
import dev.governor.spi.IdempotencyClaim;
import dev.governor.spi.IngestBatch;
import dev.governor.spi.LedgerCounter;
import dev.governor.spi.LedgerReply;
import dev.governor.spi.LedgerRules;
import dev.governor.spi.OwnerLedger;
import dev.governor.spi.ReservationHold;
import dev.governor.spi.ReservationRules;
import dev.governor.spi.StoredReservation;
import dev.governor.spi.ThresholdClaims;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One owner's counters and idempotency keys over the store-wide lock {@link Stripes}, applying
 * {@link LedgerRules}. Writers lock the stripes of every counter and key they touch in ascending
 * order ({@link StripeSpan}), check the catalog versions, read every counter state, let the rules
 * decide, and only then write; readers use optimistic stamps ({@link OptimisticReader}) and fall
 * back to read locks under contention. A handle for an owner without data creates nothing: it
 * answers from version 0 and claims no key until the owner's first commit. Thread-safe.
 */
final class MemoryOwnerLedger implements OwnerLedger {
  private static final int OPTIMISTIC_ATTEMPTS = 4;

  private final String ownerId;
  private final ConcurrentHashMap<String, OwnerState> owners;
  private final MemoryCatalog catalog;
  private final Stripes stripes;
  private final OptimisticReader reader;
  /** The owner's state once it exists; states are never removed. */
  private volatile OwnerState bound;
  private final MemoryReservations reservations;

  MemoryOwnerLedger(String ownerId, ConcurrentHashMap<String, OwnerState> owners, MemoryCatalog catalog, Stripes stripes) {
    this.ownerId = ownerId;
    this.owners = owners;
    this.catalog = catalog;
    this.stripes = stripes;
    this.reader = new OptimisticReader(stripes);
    this.bound = owners.get(ownerId);
    this.reservations = new MemoryReservations(this, catalog, stripes, ownerId);
  }

  /** True when the set's versions are the current ones ({@code version} being the owner's). */
  boolean isCurrent(BudgetSet budgets, long version) {
    return LedgerRules.isCurrent(budgets, version, globalVersionFor(budgets));
  }

  @Override
  public String ownerId() {
    return ownerId;
  }

  private OwnerState state() {
    OwnerState s = bound;
    if (s == null) {
      s = owners.get(ownerId);
      bound = s;
    }
    return s;
  }

  private static long versionOf(OwnerState s) {
    return s == null ? 0L : s.snapshot.version;
  }

  /** The engine-wide version where the set depends on it (one volatile read otherwise skipped). */
  private long globalVersionFor(BudgetSet budgets) {
    return budgets.globalVersion() == BudgetSet.ANY_GLOBAL_VERSION ? BudgetSet.ANY_GLOBAL_VERSION : catalog.globalVersion();
  }

  private long passReply(BudgetSet budgets, long pass, boolean decide) {
    long version = pass & OptimisticReader.VERSION_MASK;
    if (!LedgerRules.isCurrent(budgets, version, globalVersionFor(budgets))) {
      return LedgerReply.stale(version);
    }
    if (!decide) {
      return LedgerReply.OK;
    }
    return (pass & OptimisticReader.DENIED_BIT) != 0 ? LedgerReply.DENIED : LedgerReply.GRANTED;
  }

  @Override
  public long read(BudgetSet budgets, long nowMillis, long[] usageOut, long[] heldOut) {
    OwnerState state = state();
    for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      long pass = reader.pass(state, budgets, nowMillis, 0L, usageOut, heldOut);
      if (pass != OptimisticReader.FAILED) {
        return passReply(budgets, pass, false);
      }
      Thread.onSpinWait();
    }
    return underReadLocks(state, budgets, nowMillis, 0L, usageOut, heldOut);
  }

  @Override
  public long check(BudgetSet budgets, Clock clock, long amount) {
    OwnerState state = state();
    // Recorded usage bounds current usage from above: when it already has room, the time cannot
    // change the answer, so the common path skips the clock.
    for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      long pass = reader.pass(state, budgets, OptimisticReader.NO_TIME, amount, null, null);
      if (pass != OptimisticReader.FAILED) {
        long reply = passReply(budgets, pass, true);
        if (reply != LedgerReply.DENIED) {
          return reply;
        }
        break;
      }
      Thread.onSpinWait();
    }
    long now = clock.millis();
    for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      long pass = reader.pass(state, budgets, now, amount, null, null);
      if (pass != OptimisticReader.FAILED) {
        return passReply(budgets, pass, true);
      }
      Thread.onSpinWait();
    }
    return underReadLocks(state, budgets, now, amount, null, null);
  }

  /** The locked fallback of read and check: one consistent snapshot under read locks. */
  private long underReadLocks(OwnerState state, BudgetSet budgets, long now, long amount, long[] usageOut, long[] heldOut) {
    int n = budgets.size();
    LedgerCounter[] counters = budgets.counters();
    long[] limits = budgets.limits();
    long[] periods = budgets.periodStarts(now);
    StripeSpan span = StripeSpan.clear();
    for (int i = 0; i < n; i++) {
      span.add(((Counter) counters[i]).stripe);
    }
    span.lockRead(stripes);
    try {
      long version = versionOf(state);
      if (!LedgerRules.isCurrent(budgets, version, globalVersionFor(budgets))) {
        return LedgerReply.stale(version);
      }
      if (usageOut == null) {
        for (int i = 0; i < n; i++) {
          Counter c = (Counter) counters[i];
          long usage = LedgerRules.usageIn(c.periodStart, c.usage, periods[i]);
          if (!ReservationRules.hasRoom(limits[i], usage, c.held(now), amount)) {
            return LedgerReply.DENIED;
          }
        }
        return LedgerReply.GRANTED;
      }
      for (int i = 0; i < n; i++) {
        Counter c = (Counter) counters[i];
        usageOut[i] = LedgerRules.usageIn(c.periodStart, c.usage, periods[i]);
        if (heldOut != null) {
          heldOut[i] = c.held(now);
        }
      }
      return LedgerReply.OK;
    } finally {
      span.unlockRead(stripes);
    }
  }

  @Override
  public long readEach(BudgetSet budgets, long nowMillis, long[] usageOut, long[] heldOut) {
    OwnerState state = state();
    long version = versionOf(state);
    if (!LedgerRules.isCurrent(budgets, version, globalVersionFor(budgets))) {
      return LedgerReply.stale(version);
    }
    int n = budgets.size();
    if (n == 0) {
      return LedgerReply.OK;
    }
    long[] periods = budgets.periodStarts(nowMillis);
    // Reports read thousands of counters: read their mirrors from the owner's arena (a few
    // contiguous arrays) under one optimistic stamp per stripe, and only when a writer interfered
    // read each counter again on its own.
    ScanLayout layout = state.layoutOf(budgets);
    if (!readMirrors(layout, periods, n, usageOut)) {
      LedgerCounter[] counters = budgets.counters();
      for (int i = 0; i < n; i++) {
        usageOut[i] = reader.readOne((Counter) counters[i], periods[i]);
      }
    }
    if (heldOut != null) {
      readHeld(state, budgets.counters(), n, nowMillis, heldOut);
    }
    // Every read happened within one catalog version, so no removed counter's slot was reused under
    // them: a slot is reused only by a commit after the one that removed its counter.
    long after = versionOf(state);
    return after == version ? LedgerReply.OK : LedgerReply.stale(after);
  }

  /** Each counter's held amount on its own; all zeros, without touching a counter, while the owner holds nothing. */
  private void readHeld(OwnerState state, LedgerCounter[] counters, int n, long now, long[] heldOut) {
    if (state.holdingCounters.get() == 0L) {
      java.util.Arrays.fill(heldOut, 0, n, 0L);
      return;
    }
    for (int i = 0; i < n; i++) {
      heldOut[i] = reader.readHeld((Counter) counters[i], now);
    }
  }

  /** Reads every mirror of {@code layout} as one optimistic pass; false when a writer interfered. */
  private boolean readMirrors(ScanLayout layout, long[] periods, int n, long[] usageOut) {
    int[] spanned = layout.stripes();
    if (spanned.length > 8) {
      return false;
    }
    long[] stamps = new long[spanned.length];
    for (int j = 0; j < spanned.length; j++) {
      stamps[j] = stripes.lock(spanned[j]).tryOptimisticRead();
      if (stamps[j] == 0L) {
        return false;
      }
    }
    long[][] chunks = layout.chunks();
    int[] at = layout.at();
    for (int i = 0; i < n; i++) {
      long[] chunk = chunks[i];
      int a = at[i];
      usageOut[i] = LedgerRules.usageIn(chunk[a], chunk[a + 1], periods[i]);
    }
    for (int j = 0; j < spanned.length; j++) {
      if (!stripes.lock(spanned[j]).validate(stamps[j])) {
        return false;
      }
    }
    return true;
  }

  int keyStripe(String key) {
    return stripes.stripeOf(ownerId, key.hashCode());
  }

  /** {@link #singleStripe}: the set touches no stripe (no budget, no key). */
  private static final int NO_STRIPE = -1;
  /** {@link #singleStripe}: the set touches several stripes. */
  private static final int SEVERAL_STRIPES = -2;

  /** The one stripe every counter of the set and the key share, or {@link #NO_STRIPE} / {@link #SEVERAL_STRIPES}. */
  private int singleStripe(LedgerCounter[] counters, int n, IdempotencyClaim claim) {
    int stripe = claim == null ? NO_STRIPE : keyStripe(claim.key());
    for (int i = 0; i < n; i++) {
      int s = ((Counter) counters[i]).stripe;
      if (stripe == NO_STRIPE) {
        stripe = s;
      } else if (s != stripe) {
        return SEVERAL_STRIPES;
      }
    }
    return stripe;
  }

  // Kept small on purpose: the JIT inlines a hot method only below a size limit, and this is the
  // request path of every consume; the rarer shapes live in their own methods.
  @Override
  public long consume(BudgetSet budgets, long nowMillis, long amount, IdempotencyClaim claim, long[] usageOut,
      long[] heldOut, ThresholdClaims claimsOut) {
    int n = budgets.size();
    // Every input is read before any lock is taken or anything is written.
    LedgerCounter[] counters = budgets.counters();
    long[] limits = budgets.limits();
    long[] periods = budgets.periodStarts(nowMillis);
    OwnerState state = state();
    int stripe = singleStripe(counters, n, claim);
    if (stripe < 0) {
      return stripe == NO_STRIPE ? versionsOnly(state, budgets)
          : consumeAcrossStripes(state, budgets, counters, limits, periods, n, amount, claim, nowMillis, usageOut,
              heldOut, claimsOut);
    }
    // The usual chain: one hierarchy, one stripe, one lock.
    stripes.writeLock(stripe);
    try {
      return consumeLocked(state, budgets, counters, limits, periods, n, amount, claim, nowMillis, usageOut, heldOut,
          claimsOut);
    } finally {
      stripes.unlockWrite(stripe);
    }
  }

  /** A consume with no budget and no key: only the versions decide. */
  private long versionsOnly(OwnerState state, BudgetSet budgets) {
    long version = versionOf(state);
    return LedgerRules.isCurrent(budgets, version, globalVersionFor(budgets)) ? LedgerReply.GRANTED : LedgerReply.stale(version);
  }

  private long consumeAcrossStripes(OwnerState state, BudgetSet budgets, LedgerCounter[] counters, long[] limits,
      long[] periods, int n, long amount, IdempotencyClaim claim, long now, long[] usageOut, long[] heldOut,
      ThresholdClaims claimsOut) {
    StripeSpan span = StripeSpan.clear();
    for (int i = 0; i < n; i++) {
      span.add(((Counter) counters[i]).stripe);
    }
    if (claim != null) {
      span.add(keyStripe(claim.key()));
    }
    span.lockWrite(stripes);
    try {
      return consumeLocked(state, budgets, counters, limits, periods, n, amount, claim, now, usageOut, heldOut, claimsOut);
    } finally {
      span.unlockWrite(stripes);
    }
  }

  /** The consume decision and writes; the caller holds the stripes of every counter and the key. */
  private long consumeLocked(OwnerState state, BudgetSet budgets, LedgerCounter[] counters, long[] limits, long[] periods,
      int n, long amount, IdempotencyClaim claim, long now, long[] usageOut, long[] heldOut, ThresholdClaims claimsOut) {
    long version = versionOf(state);
    if (!LedgerRules.isCurrent(budgets, version, globalVersionFor(budgets))) {
      return LedgerReply.stale(version);
    }
    // An owner without data has no key store: nothing is counted, so no key outlives the call.
    IdempotencyKeys keys = claim == null || state == null ? null : state.keys();
    LedgerRules.KeyMatch key = keys == null ? LedgerRules.KeyMatch.ABSENT : keys.match(claim.key(), claim.fingerprint(), now);
    // LedgerRules.consume, step by step on the counters in place (no copy on the hot path).
    boolean room = true;
    boolean overflow = false;
    for (int i = 0; i < n; i++) {
      Counter c = (Counter) counters[i];
      long usage = LedgerRules.usageIn(c.periodStart, c.usage, periods[i]);
      if (usageOut != null) {
        usageOut[i] = usage;
      }
      // Held amounts count against the limit (ReservationRules.hasRoom); the summary is exact
      // until the earliest hold expires, and nothing to read for a counter that holds nothing.
      long held = c.held(now);
      if (heldOut != null) {
        heldOut[i] = held;
      }
      room &= ReservationRules.hasRoom(limits[i], usage, held, amount);
      overflow |= LedgerRules.overflowsUnlimited(limits[i], usage, amount);
    }
    long reply = LedgerRules.consumeOutcome(room, overflow, key);
    if (reply != LedgerReply.GRANTED) {
      return reply;
    }
    if (keys != null) {
      keys.claim(claim, now);
    }
    // Apart from the decision so that this method stays small enough for the JIT to inline.
    CounterAdds.write(budgets, counters, periods, n, amount, claimsOut);
    return reply;
  }

  @Override
  public long ingest(IngestBatch batch, long nowMillis) {
    int events = batch.size();
    StripeSpan span = StripeSpan.clear();
    IngestCounters counters = new IngestCounters(batch, span, this);
    long[] statePeriods = new long[counters.distinct.length];
    long[] stateUsages = new long[counters.distinct.length];
    OwnerState state = state();
    span.lockWrite(stripes);
    try {
      long version = versionOf(state);
      if (!LedgerRules.isCurrent(batch.catalogVersion(), batch.globalVersion(), version,
          batch.globalVersion() == BudgetSet.ANY_GLOBAL_VERSION ? BudgetSet.ANY_GLOBAL_VERSION : catalog.globalVersion())) {
        return LedgerReply.stale(version);
      }
      IdempotencyKeys keys = state == null ? null : state.keys();
      LedgerRules.KeyMatch[] stored = new LedgerRules.KeyMatch[events];
      for (int e = 0; e < events; e++) {
        String key = batch.idempotencyKey(e);
        stored[e] = key == null || keys == null ? LedgerRules.KeyMatch.ABSENT : keys.match(key, batch.fingerprint(e), nowMillis);
      }
      counters.read(statePeriods, stateUsages);
      long reply = LedgerRules.ingest(batch, counters.slots, statePeriods, stateUsages, stored, nowMillis);
      if (reply != LedgerReply.OK) {
        return reply;
      }
      if (keys != null) {
        keys.claimRecorded(batch, nowMillis);
      }
      counters.write(statePeriods, stateUsages);
      counters.claimAlerts(batch);
      return reply;
    } finally {
      span.unlockWrite(stripes);
    }
  }

  @Override
  public long reserve(BudgetSet budgets, long nowMillis, ReservationHold hold, long[] usageOut, long[] heldOut) {
    return reservations.reserve(budgets, nowMillis, hold, usageOut, heldOut);
  }

  @Override
  public StoredReservation reservation(String reservationId, long nowMillis) {
    return reservations.reservation(reservationId, nowMillis);
  }

  @Override
  public long settle(BudgetSet budgets, long nowMillis, String reservationId, long actual, long[] usageOut,
      ThresholdClaims claimsOut) {
    return reservations.settle(budgets, nowMillis, reservationId, actual, usageOut, claimsOut);
  }

  @Override
  public long release(String reservationId, long nowMillis) {
    return reservations.release(reservationId, nowMillis);
  }
}
