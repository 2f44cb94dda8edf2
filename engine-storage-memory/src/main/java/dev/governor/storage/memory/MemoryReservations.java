package dev.governor.storage.memory;

import dev.governor.runtime.ReservationState;
import dev.governor.spi.BudgetSet;
import dev.governor.spi.LedgerCounter;
import dev.governor.spi.LedgerReply;
import dev.governor.spi.LedgerRules;
import dev.governor.spi.ReservationHold;
import dev.governor.spi.ReservationRules;
import dev.governor.spi.StoredReservation;
import dev.governor.spi.ThresholdClaims;

/**
 * Reserve, settle and release for one owner's ledger, by {@link ReservationRules}. Each takes, in
 * ascending order, the write locks of the stripes of every counter it touches and of the
 * reservation id's stripe, then checks, decides and writes: a reservation's state changes only under
 * its id's stripe, a counter's holds only under the counter's. Thread-safe.
 */
final class MemoryReservations {
  private final MemoryOwnerLedger ledger;
  private final MemoryCatalog catalog;
  private final Stripes stripes;
  private final String ownerId;

  MemoryReservations(MemoryOwnerLedger ledger, MemoryCatalog catalog, Stripes stripes, String ownerId) {
    this.ledger = ledger;
    this.catalog = catalog;
    this.stripes = stripes;
    this.ownerId = ownerId;
  }

  private int idStripe(String id) {
    return stripes.stripeOf(ownerId, id.hashCode() * 31 + 7);
  }

  long reserve(BudgetSet budgets, long now, ReservationHold hold, long[] usageOut, long[] heldOut) {
    int n = budgets.size();
    LedgerCounter[] counters = budgets.counters();
    long[] limits = budgets.limits();
    long[] periods = budgets.periodStarts(now);
    Counter[] held = new Counter[n];
    for (int i = 0; i < n; i++) {
      held[i] = (Counter) counters[i];
    }
    OwnerState state = catalog.stateOf(ownerId);
    StripeSpan span = span(held, hold.id());
    span.lockWrite(stripes);
    try {
      long version = state.snapshot.version;
      if (!ledger.isCurrent(budgets, version)) {
        return LedgerReply.stale(version);
      }
      StoredReservation existing = null;
      if (hold.keyed()) {
        MemoryReservation open = state.reservations.get(hold.id());
        existing = open != null && !open.forgettable(now) ? open.stored() : state.closed().find(hold.id(), now);
      }
      boolean room = true;
      boolean overflow = false;
      for (int i = 0; i < n; i++) {
        Counter c = held[i];
        uncount(state, c.prune(now) > 0 && c.holdCount == 0);
        long usage = LedgerRules.usageIn(c.periodStart, c.usage, periods[i]);
        long h = c.held(now);
        if (usageOut != null) {
          usageOut[i] = usage;
        }
        if (heldOut != null) {
          heldOut[i] = h;
        }
        room &= ReservationRules.hasRoom(limits[i], usage, h, hold.estimate());
        overflow |= LedgerRules.overflowsUnlimited(limits[i], ReservationRules.committed(usage, h), hold.estimate());
      }
      if (existing != null) {
        return existing.fingerprint() == hold.fingerprint() ? LedgerReply.DUPLICATE : LedgerReply.KEY_CONFLICT;
      }
      if (!room) {
        return LedgerReply.DENIED;
      }
      if (overflow) {
        return LedgerReply.OVERFLOW;
      }
      MemoryReservation r = new MemoryReservation(hold, held, budgets.assignmentIds());
      state.reservations.put(hold.id(), r);
      for (Counter c : held) {
        if (c.holdCount == 0) {
          state.holdingCounters.incrementAndGet();
        }
        c.addHold(r);
      }
      return LedgerReply.GRANTED;
    } finally {
      span.unlockWrite(stripes);
      trim(state, now);
    }
  }

  StoredReservation reservation(String id, long now) {
    OwnerState state = catalog.stateOrNull(ownerId);
    if (state == null) {
      return null;
    }
    int stripe = idStripe(id);
    long stamp = stripes.lock(stripe).readLock();
    try {
      MemoryReservation r = state.reservations.get(id);
      if (r != null) {
        return r.forgettable(now) ? null : r.stored();
      }
      return state.closed().find(id, now);
    } finally {
      stripes.lock(stripe).unlockRead(stamp);
    }
  }

  long settle(BudgetSet budgets, long now, String id, long actual, long[] usageOut, ThresholdClaims claimsOut) {
    OwnerState state = catalog.stateOrNull(ownerId);
    MemoryReservation r = state == null ? null : state.reservations.get(id);
    int n = budgets.size();
    LedgerCounter[] counters = budgets.counters();
    long[] periods = budgets.periodStarts(now);
    StripeSpan span = span(r == null ? MemoryReservation.NONE_COUNTERS : r.counters, id);
    for (int i = 0; i < n; i++) {
      span.add(((Counter) counters[i]).stripe);
    }
    span.lockWrite(stripes);
    try {
      long version = state == null ? 0L : state.snapshot.version;
      if (!ledger.isCurrent(budgets, version)) {
        return LedgerReply.stale(version);
      }
      if (r == null || state.reservations.get(id) != r || r.forgettable(now)) {
        // Closed since it was looked up, or closed before: the closed record decides.
        StoredReservation closed = state == null ? null : state.closed().find(id, now);
        return closed == null ? LedgerReply.UNKNOWN : ReservationRules.settleOutcome(closed.state(), closed.actual(), actual);
      }
      for (int i = 0; i < n; i++) {
        Counter c = (Counter) counters[i];
        if (LedgerRules.overflows(LedgerRules.usageIn(c.periodStart, c.usage, periods[i]), actual)) {
          return LedgerReply.OVERFLOW;
        }
      }
      dropHolds(state, r, now);
      for (int i = 0; i < n; i++) {
        Counter c = (Counter) counters[i];
        long after = LedgerRules.usageIn(c.periodStart, c.usage, periods[i]) + actual;
        c.write(LedgerRules.periodAfterAdd(c.periodStart, periods[i]), after);
        if (usageOut != null) {
          usageOut[i] = after;
        }
      }
      if (budgets.hasAlerts()) {
        CounterAdds.claimAlerts(budgets, counters, n, claimsOut);
      }
      r.state = ReservationState.SETTLED;
      r.actual = actual;
      r.closedAt = now;
      close(state, r, now);
      return LedgerReply.OK;
    } finally {
      span.unlockWrite(stripes);
    }
  }

  long release(String id, long now) {
    OwnerState state = catalog.stateOrNull(ownerId);
    if (state == null) {
      return LedgerReply.UNKNOWN;
    }
    MemoryReservation r = state.reservations.get(id);
    StripeSpan span = span(r == null ? MemoryReservation.NONE_COUNTERS : r.counters, id);
    span.lockWrite(stripes);
    try {
      if (r == null || state.reservations.get(id) != r || r.forgettable(now)) {
        StoredReservation closed = state.closed().find(id, now);
        return closed == null ? LedgerReply.UNKNOWN : ReservationRules.releaseOutcome(closed.state());
      }
      dropHolds(state, r, now);
      r.state = ReservationState.RELEASED;
      r.closedAt = now;
      close(state, r, now);
      return LedgerReply.OK;
    } finally {
      span.unlockWrite(stripes);
    }
  }

  /**
   * Moves a reservation just closed from the open table to the owner's closed ones: first kept
   * there, then removed here, both under its id's stripe, so no reader of that stripe misses it.
   */
  private static void close(OwnerState state, MemoryReservation r, long now) {
    state.closed().add(r, now);
    state.reservations.remove(r.id, r);
  }

  /** Drops {@code r}'s hold from every counter it held, pruning expired holds on the way. */
  private static void dropHolds(OwnerState state, MemoryReservation r, long now) {
    for (Counter c : r.counters) {
      boolean had = c.holdCount > 0;
      c.dropHold(r);
      c.prune(now);
      uncount(state, had && c.holdCount == 0);
    }
  }

  /** Counts a counter that no longer holds anything. */
  static void uncount(OwnerState state, boolean emptied) {
    if (emptied) {
      state.holdingCounters.decrementAndGet();
    }
  }

  private StripeSpan span(Counter[] counters, String id) {
    StripeSpan span = StripeSpan.clear();
    for (Counter c : counters) {
      span.add(c.stripe);
    }
    span.add(idStripe(id));
    return span;
  }

  /**
   * Forgets open records past their retention (reservations never closed: their holds expired long
   * ago), by a scan once the open table has doubled since the last one. Closed records keep their own
   * bound ({@link ClosedReservations}).
   */
  private void trim(OwnerState state, long now) {
    if (state.reservations.size() < state.reservationsPurgeAt) {
      return;
    }
    for (MemoryReservation r : state.reservations.values()) {
      int stripe = idStripe(r.id);
      long stamp = stripes.lock(stripe).writeLock();
      try {
        if (r.forgettable(now)) {
          state.reservations.remove(r.id, r);
        }
      } finally {
        stripes.lock(stripe).unlockWrite(stamp);
      }
    }
    state.reservationsPurgeAt = (int) Math.min(Integer.MAX_VALUE, Math.max(1024, state.reservations.size() * 2L));
  }
}
