package dev.governor.storage.memory;

import dev.governor.spi.BudgetSet;
import dev.governor.spi.LedgerCounter;
import dev.governor.spi.LedgerRules;
import dev.governor.spi.ReservationRules;

/**
 * Lock-free reads of a budget set's counters: takes the optimistic stamp of each stripe the first
 * time a counter of it is met, reads every counter and the owner's version, then validates every
 * stamp. Every validation follows every read, so when all succeed the values are those of one
 * instant (the first validation). The usual chain (one hierarchy, one stripe) allocates and copies
 * nothing; other stripes' stamps go through the thread's scratch arrays. Stateless and thread-safe.
 */
final class OptimisticReader {
  /** A pass a writer interfered with. */
  static final long FAILED = -1L;
  /** Set in a pass result when some limited budget has no room. */
  static final long DENIED_BIT = 1L << 62;
  /** The owner's version in a pass result. */
  static final long VERSION_MASK = DENIED_BIT - 1;
  /** Pass time meaning "each counter's recorded usage, whatever its period". */
  static final long NO_TIME = Long.MIN_VALUE;

  private final Stripes stripes;

  OptimisticReader(Stripes stripes) {
    this.stripes = stripes;
  }

  /**
   * One pass. With {@code usageOut} it copies usages; without, it tests each limited budget for
   * room for {@code amount}. Returns the owner's version read inside the pass (with
   * {@link #DENIED_BIT} when some budget has no room), or {@link #FAILED}.
   */
  long pass(OwnerState state, BudgetSet budgets, long now, long amount, long[] usageOut, long[] heldOut) {
    int n = budgets.size();
    LedgerCounter[] counters = budgets.counters();
    int stripe0 = -1;
    long stamp0 = 0L;
    Scratch extra = null;
    int extraCount = 0;
    boolean denied = false;
    for (int i = 0; i < n; i++) {
      Counter c = (Counter) counters[i];
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
      long usage = now == NO_TIME ? c.usage : LedgerRules.usageIn(c.periodStart, c.usage, budgets.periodStart(i, now));
      // Without a time, the held sum (expired holds included) bounds what is held from above, as
      // the recorded usage bounds the usage.
      long held = now == NO_TIME ? c.heldSum : c.held(now);
      if (usageOut != null) {
        usageOut[i] = usage;
        if (heldOut != null) {
          heldOut[i] = held;
        }
      } else {
        denied |= !ReservationRules.hasRoom(budgets.limit(i), usage, held, amount);
      }
    }
    long version = state == null ? 0L : state.snapshot.version;
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

  /** The held amount of one counter at {@code now}, read on its own. */
  long readHeld(Counter c, long now) {
    java.util.concurrent.locks.StampedLock lock = stripes.lock(c.stripe);
    for (int attempt = 0; attempt < 4; attempt++) {
      long stamp = lock.tryOptimisticRead();
      long held = c.held(now);
      if (stamp != 0L && lock.validate(stamp)) {
        return held;
      }
      Thread.onSpinWait();
    }
    long stamp = lock.readLock();
    try {
      return c.held(now);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** The current-period usage of one counter, read on its own. */
  long readOne(Counter c, long period) {
    java.util.concurrent.locks.StampedLock lock = stripes.lock(c.stripe);
    for (int attempt = 0; attempt < 4; attempt++) {
      long stamp = lock.tryOptimisticRead();
      long usage = LedgerRules.usageIn(c.periodStart, c.usage, period);
      if (stamp != 0L && lock.validate(stamp)) {
        return usage;
      }
      Thread.onSpinWait();
    }
    long stamp = lock.readLock();
    try {
      return LedgerRules.usageIn(c.periodStart, c.usage, period);
    } finally {
      lock.unlockRead(stamp);
    }
  }
}
