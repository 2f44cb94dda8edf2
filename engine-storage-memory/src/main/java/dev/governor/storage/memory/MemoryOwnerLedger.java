package dev.governor.storage.memory;

import dev.governor.spi.BudgetSet;
import dev.governor.spi.IngestBatch;
import dev.governor.spi.LedgerCounter;
import dev.governor.spi.LedgerStatus;
import dev.governor.spi.OwnerLedger;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.StampedLock;

/**
 * One owner's counters and idempotency keys over the store-wide lock {@link Stripes}. Writers lock
 * the stripes of every counter and key they touch in ascending order, check the catalog version,
 * read everything, decide, and only then write; readers use optimistic stamps and fall back to read
 * locks under contention. Thread-safe.
 */
final class MemoryOwnerLedger implements OwnerLedger {
  private static final int OPTIMISTIC_ATTEMPTS = 4;

  private final OwnerState state;
  private final LedgerSettings settings;
  private final Stripes stripes;
  private volatile IdempotencyKeys keys;

  MemoryOwnerLedger(OwnerState state, LedgerSettings settings) {
    this.state = state;
    this.settings = settings;
    this.stripes = settings.stripes;
  }

  @Override
  public String ownerId() {
    return state.ownerId;
  }

  @Override
  public long catalogVersion() {
    return state.version;
  }

  @Override
  public LedgerCounter counter(UUID assignmentId) {
    AssignmentNode node = state.assignments.get(assignmentId);
    if (node == null) {
      throw new IllegalStateException("owner " + state.ownerId + " has no assignment " + assignmentId);
    }
    return node;
  }

  /**
   * Counters of one hierarchy share the stripe of its root, so a check or consume down a chain
   * usually validates or locks a single stripe; other hierarchies and other owners spread over the
   * stripes by hash. The stripe is fixed when the assignment is created: a leaf that later moves to
   * another tree keeps it, which may cost a second stripe, never correctness.
   */
  int stripeOfRoot(String rootEntityId) {
    return stripes.stripeOf(state.ownerId, rootEntityId.hashCode());
  }

  /**
   * Publishes a committed catalog change (the caller holds the owner's catalog write lock): bumps the
   * version and moves carried usage while holding the stripes of every carried counter, so a ledger
   * operation sees either the old version with the old counters or the new version with the moved
   * ones.
   */
  void commit(java.util.List<OwnerTransaction.Carry> carries) {
    if (carries.isEmpty()) {
      state.version++;
      return;
    }
    int[] order = new int[carries.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = carries.get(i).node().stripe;
    }
    int[] sorted = distinctSorted(order, order.length);
    stripes.lockAll(sorted, sorted.length);
    try {
      state.version++;
      for (OwnerTransaction.Carry c : carries) {
        AssignmentNode node = c.node();
        if (node.periodStart < c.oldPeriodStart()) {
          // Only older periods' usage: nothing current to carry, and it must not count again.
          node.usage = 0L;
        }
        node.periodStart = c.newPeriodStart();
      }
    } finally {
      stripes.unlockAll(sorted, sorted.length);
    }
  }

  private IdempotencyKeys keys() {
    IdempotencyKeys k = keys;
    if (k == null) {
      synchronized (this) {
        k = keys;
        if (k == null) {
          k = new IdempotencyKeys(settings);
          keys = k;
        }
      }
    }
    return k;
  }

  long claimedKeyCount() {
    IdempotencyKeys k = keys;
    return k == null ? 0 : k.size();
  }

  private int keyStripe(String key) {
    return stripes.stripeOf(state.ownerId, key.hashCode());
  }

  /**
   * Copies the set's primitive inputs (limits, period starts) into scratch and returns the number of
   * distinct stripes, sorted ascending into {@code s.stripes}. The counters themselves are read from
   * the set's own immutable array, so every input is read before the caller writes anything.
   */
  private static int gather(BudgetSet budgets, LedgerCounter[] counters, long now, Scratch s, int n) {
    int stripeCount = 0;
    for (int i = 0; i < n; i++) {
      s.limits[i] = budgets.limit(i);
      s.periods[i] = budgets.periodStart(i, now);
      stripeCount = Stripes.insertSorted(s.stripes, stripeCount, ((AssignmentNode) counters[i]).stripe);
    }
    return stripeCount;
  }

  private static AssignmentNode node(LedgerCounter[] counters, int i) {
    return (AssignmentNode) counters[i];
  }

  @Override
  public LedgerStatus read(BudgetSet budgets, long nowMillis, long[] usageOut) {
    long expectedVersion = budgets.catalogVersion();
    for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      long version = optimisticPass(budgets, nowMillis, 0L, usageOut);
      if (version != FAILED) {
        return version == (expectedVersion & VERSION_MASK) ? LedgerStatus.OK : LedgerStatus.STALE;
      }
      Thread.onSpinWait();
    }
    int n = budgets.size();
    LedgerCounter[] counters = budgets.counters();
    Scratch s = Scratch.get(n);
    int stripeCount = gather(budgets, counters, nowMillis, s, n);
    lockRead(s, stripeCount);
    try {
      for (int i = 0; i < n; i++) {
        usageOut[i] = node(counters, i).usageIn(s.periods[i]);
      }
      return state.version == expectedVersion ? LedgerStatus.OK : LedgerStatus.STALE;
    } finally {
      unlockRead(s, stripeCount);
    }
  }

  @Override
  public LedgerStatus check(BudgetSet budgets, long nowMillis, long amount) {
    long expectedVersion = budgets.catalogVersion();
    for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      long result = optimisticPass(budgets, nowMillis, amount, null);
      if (result != FAILED) {
        return (result & VERSION_MASK) != (expectedVersion & VERSION_MASK) ? LedgerStatus.STALE
            : (result & DENIED_BIT) != 0 ? LedgerStatus.DENIED : LedgerStatus.GRANTED;
      }
      Thread.onSpinWait();
    }
    int n = budgets.size();
    LedgerCounter[] counters = budgets.counters();
    Scratch s = Scratch.get(n);
    int stripeCount = gather(budgets, counters, nowMillis, s, n);
    lockRead(s, stripeCount);
    try {
      boolean granted = true;
      for (int i = 0; i < n; i++) {
        long limit = s.limits[i];
        if (limit != BudgetSet.UNLIMITED && amount > limit - node(counters, i).usageIn(s.periods[i])) {
          granted = false;
        }
      }
      return state.version != expectedVersion ? LedgerStatus.STALE : granted ? LedgerStatus.GRANTED : LedgerStatus.DENIED;
    } finally {
      unlockRead(s, stripeCount);
    }
  }

  @Override
  public LedgerStatus checkRecorded(BudgetSet budgets, long amount) {
    long expectedVersion = budgets.catalogVersion();
    for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      long result = optimisticPass(budgets, NO_TIME, amount, null);
      if (result != FAILED) {
        return (result & VERSION_MASK) != (expectedVersion & VERSION_MASK) ? LedgerStatus.STALE
            : (result & DENIED_BIT) != 0 ? LedgerStatus.DENIED : LedgerStatus.GRANTED;
      }
      Thread.onSpinWait();
    }
    // Under heavy write traffic, let the timed check take its read locks.
    return LedgerStatus.DENIED;
  }

  /** {@link #optimisticPass} time meaning "use each counter's recorded usage, whatever its period". */
  private static final long NO_TIME = Long.MIN_VALUE;

  private static final long FAILED = -1L;
  private static final long DENIED_BIT = 1L << 62;
  private static final long VERSION_MASK = DENIED_BIT - 1;

  /**
   * One lock-free pass: takes the optimistic stamp of each stripe the first time a counter of it is
   * met, reads every counter, then validates every stamp. Every validation follows every read, so
   * the values are those of one instant (the first validation) when all succeed. With
   * {@code usageOut} it copies usages and returns the catalog version; without, it returns the
   * version with {@link #DENIED_BIT} set when some limited budget has no room for {@code amount}.
   * Returns {@link #FAILED} when a writer interfered. Stripes after the first go through the
   * thread's scratch arrays; the usual chain (one hierarchy, one stripe) allocates and copies nothing.
   */
  private long optimisticPass(BudgetSet budgets, long now, long amount, long[] usageOut) {
    int n = budgets.size();
    LedgerCounter[] counters = budgets.counters();
    int stripe0 = -1;
    long stamp0 = 0L;
    Scratch extra = null;
    int extraCount = 0;
    boolean denied = false;
    for (int i = 0; i < n; i++) {
      AssignmentNode c = node(counters, i);
      int stripe = c.stripe;
      if (stripe0 < 0) {
        stripe0 = stripe;
        stamp0 = stripes.lock(stripe).tryOptimisticRead();
        if (stamp0 == 0L) {
          return FAILED;
        }
      } else if (stripe != stripe0) {
        if (extra == null) {
          extra = Scratch.get(n);
        }
        boolean seen = false;
        for (int j = 0; j < extraCount && !seen; j++) {
          seen = extra.stripes[j] == stripe;
        }
        if (!seen) {
          long stamp = stripes.lock(stripe).tryOptimisticRead();
          if (stamp == 0L) {
            return FAILED;
          }
          extra.stripes[extraCount] = stripe;
          extra.stamps[extraCount++] = stamp;
        }
      }
      long usage = now == NO_TIME ? c.usage : c.usageIn(budgets.periodStart(i, now));
      if (usageOut != null) {
        usageOut[i] = usage;
      } else {
        long limit = budgets.limit(i);
        denied |= limit != BudgetSet.UNLIMITED && amount > limit - usage;
      }
    }
    long version = state.version;
    if (stripe0 >= 0 && !stripes.lock(stripe0).validate(stamp0)) {
      return FAILED;
    }
    for (int j = 0; j < extraCount; j++) {
      if (!stripes.lock(extra.stripes[j]).validate(extra.stamps[j])) {
        return FAILED;
      }
    }
    return denied ? (version & VERSION_MASK) | DENIED_BIT : version & VERSION_MASK;
  }

  private void lockRead(Scratch s, int stripeCount) {
    for (int j = 0; j < stripeCount; j++) {
      s.stamps[j] = stripes.lock(s.stripes[j]).readLock();
    }
  }

  private void unlockRead(Scratch s, int stripeCount) {
    for (int j = stripeCount - 1; j >= 0; j--) {
      stripes.lock(s.stripes[j]).unlockRead(s.stamps[j]);
    }
  }

  @Override
  public void readEach(BudgetSet budgets, long nowMillis, long[] usageOut) {
    int n = budgets.size();
    LedgerCounter[] counters = budgets.counters();
    long[] periods = budgets.periodStarts(nowMillis);
    // Reports read thousands of counters, usually of one or a few stripes: read them all under one
    // optimistic stamp per stripe, and only when a writer interfered read each again on its own.
    int stripe0 = -1;
    long stamp0 = 0L;
    boolean clean = true;
    for (int i = 0; i < n && clean; i++) {
      AssignmentNode c = node(counters, i);
      if (stripe0 < 0) {
        stripe0 = c.stripe;
        stamp0 = stripes.lock(stripe0).tryOptimisticRead();
      }
      if (c.stripe != stripe0 || stamp0 == 0L) {
        clean = false;
        break;
      }
      usageOut[i] = c.usageIn(periods[i]);
    }
    if (clean && (stripe0 < 0 || stripes.lock(stripe0).validate(stamp0))) {
      return;
    }
    for (int i = 0; i < n; i++) {
      usageOut[i] = readOne(node(counters, i), periods[i]);
    }
  }

  private long readOne(AssignmentNode c, long period) {
    StampedLock lock = stripes.lock(c.stripe);
    for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
      long stamp = lock.tryOptimisticRead();
      long usage = c.usageIn(period);
      if (stamp != 0L && lock.validate(stamp)) {
        return usage;
      }
      Thread.onSpinWait();
    }
    long stamp = lock.readLock();
    try {
      return c.usageIn(period);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  @Override
  public LedgerStatus consume(BudgetSet budgets, long nowMillis, long amount, String idempotencyKey, long[] usageOut) {
    int n = budgets.size();
    long expectedVersion = budgets.catalogVersion();
    // Every input is read before any lock is taken or anything is written.
    LedgerCounter[] counters = budgets.counters();
    long[] limits = budgets.limits();
    long[] periods = budgets.periodStarts(nowMillis);
    IdempotencyKeys claimed = idempotencyKey == null ? null : keys();
    int stripe = idempotencyKey == null ? -1 : keyStripe(idempotencyKey);
    boolean single = true;
    for (int i = 0; i < n && single; i++) {
      int s = node(counters, i).stripe;
      if (stripe < 0) {
        stripe = s;
      } else {
        single = s == stripe;
      }
    }
    if (single) {
      // The usual chain: one hierarchy, one stripe, one lock.
      if (stripe < 0) {
        return state.version != expectedVersion ? LedgerStatus.STALE : LedgerStatus.GRANTED;
      }
      stripes.writeLock(stripe);
      try {
        return consumeLocked(counters, limits, periods, n, amount, expectedVersion, claimed, idempotencyKey, usageOut);
      } finally {
        stripes.unlockWrite(stripe);
      }
    }
    Scratch s = Scratch.get(n);
    int stripeCount = 0;
    for (int i = 0; i < n; i++) {
      stripeCount = Stripes.insertSorted(s.stripes, stripeCount, node(counters, i).stripe);
    }
    if (idempotencyKey != null) {
      stripeCount = Stripes.insertSorted(s.stripes, stripeCount, keyStripe(idempotencyKey));
    }
    stripes.lockAll(s.stripes, stripeCount);
    try {
      return consumeLocked(counters, limits, periods, n, amount, expectedVersion, claimed, idempotencyKey, usageOut);
    } finally {
      stripes.unlockAll(s.stripes, stripeCount);
    }
  }

  /** The consume decision and writes; the caller holds the stripes of every counter and the key. */
  private LedgerStatus consumeLocked(LedgerCounter[] counters, long[] limits, long[] periods, int n, long amount,
      long expectedVersion, IdempotencyKeys claimed, String idempotencyKey, long[] usageOut) {
    if (state.version != expectedVersion) {
      return LedgerStatus.STALE;
    }
    boolean granted = true;
    boolean overflow = false;
    for (int i = 0; i < n; i++) {
      long usage = node(counters, i).usageIn(periods[i]);
      if (usageOut != null) {
        usageOut[i] = usage;
      }
      long limit = limits[i];
      if (limit == BudgetSet.UNLIMITED) {
        overflow |= usage > Long.MAX_VALUE - amount;
      } else if (amount > limit - usage) {
        granted = false;
      }
    }
    if (claimed != null && claimed.isClaimed(idempotencyKey)) {
      return LedgerStatus.DUPLICATE;
    }
    if (!granted) {
      return LedgerStatus.DENIED;
    }
    if (overflow) {
      return LedgerStatus.OVERFLOW;
    }
    if (claimed != null) {
      claimed.claim(idempotencyKey);
    }
    for (int i = 0; i < n; i++) {
      AssignmentNode c = node(counters, i);
      long period = periods[i];
      // Under the lock nothing changed since the decision: recomputing beats keeping a copy.
      c.usage = c.usageIn(period) + amount;
      c.periodStart = Math.max(c.periodStart, period);
    }
    return LedgerStatus.GRANTED;
  }

  @Override
  public LedgerStatus ingest(IngestBatch batch, long nowMillis) {
    int events = batch.size();
    AssignmentNode[][] counters = new AssignmentNode[events][];
    long[][] currentPeriods = new long[events][];
    long[][] eventPeriods = new long[events][];
    long[] amounts = new long[events];
    String[] eventKeys = new String[events];
    int total = 0;
    for (int e = 0; e < events; e++) {
      total += batch.budgets(e).size() + 1;
    }
    int[] lockOrder = new int[total];
    int stripeCount = 0;
    boolean anyKey = false;
    for (int e = 0; e < events; e++) {
      BudgetSet budgets = batch.budgets(e);
      int n = budgets.size();
      long eventTime = Math.min(batch.eventTime(e), nowMillis);
      counters[e] = new AssignmentNode[n];
      currentPeriods[e] = new long[n];
      eventPeriods[e] = new long[n];
      for (int i = 0; i < n; i++) {
        AssignmentNode c = (AssignmentNode) budgets.counter(i);
        counters[e][i] = c;
        currentPeriods[e][i] = budgets.periodStart(i, nowMillis);
        eventPeriods[e][i] = budgets.periodStart(i, eventTime);
        lockOrder[stripeCount++] = c.stripe;
      }
      amounts[e] = batch.amount(e);
      eventKeys[e] = batch.idempotencyKey(e);
      if (eventKeys[e] != null) {
        anyKey = true;
        lockOrder[stripeCount++] = keyStripe(eventKeys[e]);
      }
    }
    long expectedVersion = batch.catalogVersion();
    IdempotencyKeys claimed = anyKey ? keys() : null;
    int[] sorted = distinctSorted(lockOrder, stripeCount);
    stripes.lockAll(sorted, sorted.length);
    try {
      if (state.version != expectedVersion) {
        return LedgerStatus.STALE;
      }
      Map<AssignmentNode, long[]> staged = new IdentityHashMap<>();
      Set<String> newKeys = new LinkedHashSet<>();
      for (int e = 0; e < events; e++) {
        String key = eventKeys[e];
        if (key != null && (claimed.isClaimed(key) || !newKeys.add(key))) {
          batch.outcome(e, LedgerStatus.DUPLICATE);
          continue;
        }
        batch.outcome(e, LedgerStatus.OK);
        long amount = amounts[e];
        for (int i = 0; i < counters[e].length; i++) {
          long[] st = staged.computeIfAbsent(counters[e][i], c -> new long[] {c.periodStart, c.usage});
          long current = Math.max(st[0], currentPeriods[e][i]);
          long base = st[0] >= current ? st[1] : 0L;
          if (eventPeriods[e][i] < current) {
            batch.late(e, i, base);
            continue;
          }
          if (base > Long.MAX_VALUE - amount) {
            batch.overflowIndex(e);
            return LedgerStatus.OVERFLOW;
          }
          st[0] = current;
          st[1] = base + amount;
          batch.usageAfter(e, i, st[1]);
        }
      }
      claimAll(claimed, newKeys);
      for (Map.Entry<AssignmentNode, long[]> entry : staged.entrySet()) {
        AssignmentNode c = entry.getKey();
        c.periodStart = entry.getValue()[0];
        c.usage = entry.getValue()[1];
      }
      return LedgerStatus.OK;
    } finally {
      stripes.unlockAll(sorted, sorted.length);
    }
  }

  /** Claims every key or, if a claim fails, none of them. */
  private static void claimAll(IdempotencyKeys claimed, Set<String> newKeys) {
    int done = 0;
    try {
      for (String key : newKeys) {
        claimed.claim(key);
        done++;
      }
    } catch (RuntimeException | Error e) {
      for (String key : newKeys) {
        if (done-- == 0) {
          break;
        }
        claimed.release(key);
      }
      throw e;
    }
  }

  private static int[] distinctSorted(int[] values, int n) {
    int[] copy = Arrays.copyOf(values, n);
    Arrays.sort(copy);
    int w = 0;
    for (int r = 0; r < n; r++) {
      if (w == 0 || copy[w - 1] != copy[r]) {
        copy[w++] = copy[r];
      }
    }
    return Arrays.copyOf(copy, w);
  }
}
