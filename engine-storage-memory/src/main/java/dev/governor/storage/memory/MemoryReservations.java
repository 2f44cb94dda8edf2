package dev.governor.storage.memory;

import dev.governor.runtime.ReservationState;
import dev.governor.spi.BudgetSet;
import dev.governor.spi.LedgerCounter;
import dev.governor.spi.LedgerReply;
import dev.governor.spi.LedgerRules;
import dev.governor.spi.ReservationHold;
import dev.governor.spi.ReservationRules;
import dev.governor.spi.StoredReservation;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
    List<UUID> ids = new ArrayList<>(n);
    Counter[] held = new Counter[n];
    for (int i = 0; i < n; i++) {
      ids.add(budgets.assignmentId(i));
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
      MemoryReservation existing = state.reservations.get(hold.id());
      boolean kept = existing != null && !existing.forgettable(now);
      boolean room = true;
      boolean overflow = false;
      for (int i = 0; i < n; i++) {
        Counter c = held[i];
        uncount(state, c.prune(now) > 0 && c.holds.length == 0);
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
      if (kept) {
        return existing.fingerprint == hold.fingerprint() ? LedgerReply.DUPLICATE : LedgerReply.KEY_CONFLICT;
      }
      if (!room) {
        return LedgerReply.DENIED;
      }
      if (overflow) {
        return LedgerReply.OVERFLOW;
      }
      MemoryReservation r = new MemoryReservation(hold, held, List.copyOf(ids));
      state.reservations.put(hold.id(), r);
      for (Counter c : held) {
        if (c.holds.length == 0) {
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
    MemoryReservation r = state == null ? null : state.reservations.get(id);
    if (r == null) {
      return null;
    }
    int stripe = idStripe(id);
    long stamp = stripes.lock(stripe).readLock();
    try {
      return r.forgettable(now) ? null : r.stored();
    } finally {
      stripes.lock(stripe).unlockRead(stamp);
    }
  }

  long settle(BudgetSet budgets, long now, String id, long actual, long[] usageOut, int[] reachedOut) {
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
        return LedgerReply.UNKNOWN;
      }
      long reply = ReservationRules.settleOutcome(r.state, r.actual, actual);
      if (reply != LedgerReply.OK) {
        return reply;
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
        for (int i = 0; i < n; i++) {
          int reached = ((Counter) counters[i]).claimAlerts(budgets, i);
          if (reachedOut != null) {
            reachedOut[i] = reached;
          }
        }
      }
      r.state = ReservationState.SETTLED;
      r.actual = actual;
      r.closedAt = now;
      state.closedReservations.add(r);
      return LedgerReply.OK;
    } finally {
      span.unlockWrite(stripes);
    }
  }

  long release(String id, long now) {
    OwnerState state = catalog.stateOrNull(ownerId);
    MemoryReservation r = state == null ? null : state.reservations.get(id);
    if (r == null) {
      return LedgerReply.UNKNOWN;
    }
    StripeSpan span = span(r.counters, id);
    span.lockWrite(stripes);
    try {
      if (state.reservations.get(id) != r || r.forgettable(now)) {
        return LedgerReply.UNKNOWN;
      }
      long reply = ReservationRules.releaseOutcome(r.state);
      if (reply == LedgerReply.OK) {
        dropHolds(state, r, now);
        r.state = ReservationState.RELEASED;
        r.closedAt = now;
        state.closedReservations.add(r);
      }
      return reply;
    } finally {
      span.unlockWrite(stripes);
    }
  }

  /** Drops {@code r}'s hold from every counter it held, pruning expired holds on the way. */
  private static void dropHolds(OwnerState state, MemoryReservation r, long now) {
    for (Counter c : r.counters) {
      boolean had = c.holds.length > 0;
      c.dropHold(r);
      c.prune(now);
      uncount(state, had && c.holds.length == 0);
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
   * Keeps the table bounded. Closed records leave in the order they closed (a queue): from its head
   * those past their retention, and while the table holds more than the owner's bound
   * ({@code maxIdempotencyKeysPerOwner}) the ones closed longest ago, so a busy owner cannot grow the
   * table without end, at the price of a settle retried that late answering not found. Open records
   * stay until their retention ends (they hold counters); those never closed are looked for by a
   * scan once the table has doubled since the last one.
   */
  private void trim(OwnerState state, long now) {
    long bound = Math.max(1024, state.maxKeys);
    for (MemoryReservation head = state.closedReservations.peek(); head != null; head = state.closedReservations.peek()) {
      if (!head.forgettable(now) && state.reservations.size() <= bound) {
        break;
      }
      if (state.closedReservations.remove(head)) {
        state.reservations.remove(head.id, head);
      }
    }
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
