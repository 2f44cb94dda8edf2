package dev.governor.spi;

import java.time.Clock;

/**
 * The usage counters of one owner. Each method is <b>one</b> atomic operation over the complete set
 * of budgets the engine computed for it, so that a remote store runs it server-side in a single
 * round trip (one Redis script): the engine never reads a counter and writes it back in a second
 * call, and never reads a version first. The rules every store applies inside that step live in
 * {@link LedgerRules}; a store only reads the inputs, calls them, and writes the outputs.
 *
 * <h2>Contract every store keeps</h2>
 * <ul>
 *   <li><b>Staleness first.</b> Every operation first compares {@link BudgetSet#catalogVersion()}
 *       with the owner's current catalog version, and {@link BudgetSet#globalVersion()} (unless
 *       {@link BudgetSet#ANY_GLOBAL_VERSION}) with the engine-wide one, inside the same atomic step;
 *       on a mismatch it changes nothing and returns {@link LedgerReply#stale(long)} with the
 *       owner's current version. (On Redis Cluster a script may only touch one hash slot: a store
 *       there must keep the engine-wide version where every owner's script can read it.) This is what keeps a decision from being made under a catalog that
 *       is no longer in force, whichever engine changed it. An empty budget set is validated too.</li>
 *   <li><b>Periods.</b> A counter holds {@code (periodStart, usage)}; see
 *       {@link LedgerRules#usageIn}. A counter is rewritten in place when its period moves on.</li>
 *   <li><b>All or nothing.</b> A store reads every input it needs (counters, limits, periods, keys)
 *       before it writes anything; if a call throws, nothing changed and no key was claimed.</li>
 *   <li><b>Idempotency keys</b> are per owner, claimed in the same atomic step as the add they
 *       guard, with the request's fingerprint, until {@link IdempotencyClaim#expiresAtMillis()},
 *       and bounded in number.</li>
 *   <li><b>Failure.</b> A store that cannot answer throws a {@link RuntimeException}; the engine
 *       reports {@link dev.governor.StoreUnavailableException} and fails closed.</li>
 * </ul>
 * Every method returns a {@link LedgerReply}. Implementations are thread-safe.
 */
public interface OwnerLedger {
  /** The owner. */
  String ownerId();

  /**
   * Reads the current-period usage of every budget as one consistent snapshot into
   * {@code usageOut[0..size)}. Never changes anything.
   *
   * @return a reply of {@link LedgerStatus#OK} or {@link LedgerStatus#STALE}
   */
  default long read(BudgetSet budgets, long nowMillis, long[] usageOut) {
    return read(budgets, nowMillis, usageOut, null);
  }

  /**
   * {@link #read(BudgetSet, long, long[])}, and into {@code heldOut[0..size)} (when not null) each
   * budget's held amount at {@code nowMillis} ({@link ReservationRules}), from the same snapshot.
   */
  long read(BudgetSet budgets, long nowMillis, long[] usageOut, long[] heldOut);

  /**
   * Decides from one consistent snapshot whether every limited budget has
   * {@code usage + held + amount <= limit} ({@link ReservationRules#hasRoom}), without changing anything or
   * reporting usage: the allocation-free gate. Reads {@code clock} at most once. A store may skip it
   * when the recorded usage and holds alone grant: a counter's recorded usage (and its holds, expired or not) bound its usage in whatever
   * period is current from above, so when that already has room the time cannot change the answer
   * (the memory store saves the clock read this way; a remote store reads it once and sends it).
   *
   * @return a reply of {@link LedgerStatus#GRANTED}, {@link LedgerStatus#DENIED} or
   *     {@link LedgerStatus#STALE}
   */
  long check(BudgetSet budgets, Clock clock, long amount);

  /**
   * Reads the current-period usage of each budget, each counter on its own (not one snapshot
   * across counters), for reports over many budgets; validates the catalog versions once, first.
   * Never changes anything.
   *
   * @return a reply of {@link LedgerStatus#OK} or {@link LedgerStatus#STALE}
   */
  default long readEach(BudgetSet budgets, long nowMillis, long[] usageOut) {
    return readEach(budgets, nowMillis, usageOut, null);
  }

  /**
   * {@link #readEach(BudgetSet, long, long[])}, and into {@code heldOut} (when not null) each
   * budget's held amount at {@code nowMillis}, read with its usage.
   */
  long readEach(BudgetSet budgets, long nowMillis, long[] usageOut, long[] heldOut);

  /**
   * Atomically decides and applies a consume by {@link LedgerRules#consume}: a claimed key is a
   * duplicate (same fingerprint) or a conflict (another one); else if every limited budget has
   * room, adds {@code amount} to every budget and claims the key. {@code usageOut} (may be null)
   * receives the usage of each budget before the add, for every status but STALE.
   *
   * @param claim the idempotency key to claim, or null
   * @return a reply of {@link LedgerStatus#GRANTED}, {@link LedgerStatus#DENIED},
   *     {@link LedgerStatus#DUPLICATE}, {@link LedgerStatus#KEY_CONFLICT},
   *     {@link LedgerStatus#OVERFLOW} or {@link LedgerStatus#STALE}
   */
  default long consume(BudgetSet budgets, long nowMillis, long amount, IdempotencyClaim claim, long[] usageOut) {
    return consume(budgets, nowMillis, amount, claim, usageOut, null);
  }

  /**
   * {@link #consume(BudgetSet, long, long, IdempotencyClaim, long[])}, and on GRANTED, for a set
   * with alerts ({@link BudgetSet#hasAlerts()}), claims in the same atomic step the thresholds each
   * budget's add reached ({@link LedgerRules#newlyReached}), adding an entry to {@code claimsOut} for
   * each budget that reached any, with its usage after the add ({@code claimsOut} may be null: the
   * claims are made all the same, and whoever passed null will not announce them). The store only
   * adds: the caller clears it before the call. Claims are kept per counter for the counter's period,
   * so each threshold is claimed once per budget and period, by one add, whichever engine makes it.
   */
  default long consume(BudgetSet budgets, long nowMillis, long amount, IdempotencyClaim claim, long[] usageOut,
      ThresholdClaims claimsOut) {
    return consume(budgets, nowMillis, amount, claim, usageOut, null, claimsOut);
  }

  /**
   * {@link #consume(BudgetSet, long, long, IdempotencyClaim, long[], ThresholdClaims)}, deciding
   * room with each budget's held amount ({@link ReservationRules#hasRoom}), and writing that held
   * amount to {@code heldOut} (may be null) for every status but STALE.
   */
  long consume(BudgetSet budgets, long nowMillis, long amount, IdempotencyClaim claim, long[] usageOut, long[] heldOut,
      ThresholdClaims claimsOut);

  /**
   * Atomically records a whole batch by {@link LedgerRules#ingest}: filling in each event's outcome
   * and the usage of each of its budgets, and (for budgets with alerts) claiming the thresholds each
   * recorded add reached, into {@link IngestBatch#reached(int, int, int)}.
   *
   * @return a reply of {@link LedgerStatus#OK}, {@link LedgerStatus#STALE},
   *     {@link LedgerStatus#OVERFLOW} or {@link LedgerStatus#KEY_CONFLICT} (with
   *     {@link IngestBatch#failedIndex()} set); on anything but OK nothing changed
   */
  long ingest(IngestBatch batch, long nowMillis);

  /**
   * Atomically grants and records a reservation: when no reservation with {@code hold.id()} is kept
   * (else DUPLICATE for the same fingerprint, KEY_CONFLICT for another), and every limited budget
   * has {@code usage + held + estimate <= limit} ({@link ReservationRules#hasRoom}), records the
   * reservation with the assignment ids of every budget ({@link BudgetSet#assignmentId}) and adds
   * its hold to every budget. {@code usageOut} and {@code heldOut} (may be null) receive each
   * budget's usage and held amount before the hold, for every status but STALE and UNKNOWN.
   *
   * @return a reply of {@link LedgerStatus#GRANTED}, {@link LedgerStatus#DENIED},
   *     {@link LedgerStatus#DUPLICATE}, {@link LedgerStatus#KEY_CONFLICT},
   *     {@link LedgerStatus#OVERFLOW} (the held amount of an unlimited budget would pass
   *     {@link Long#MAX_VALUE}) or {@link LedgerStatus#STALE}
   */
  long reserve(BudgetSet budgets, long nowMillis, ReservationHold hold, long[] usageOut, long[] heldOut);

  /**
   * The record of a reservation, or null when none with the id is kept (never made, or forgotten
   * after its retention). Never changes anything.
   */
  StoredReservation reservation(String reservationId, long nowMillis);

  /**
   * Atomically settles a reservation by {@link ReservationRules#settleOutcome}: for an open one,
   * drops its hold from every budget it held and adds {@code actual} to every budget of
   * {@code budgets} in the period current at {@code nowMillis}, whatever the limits (usage that
   * happened is never refused), claiming the alert thresholds the add reached into
   * {@code claimsOut} like a consume; then keeps the record as settled. {@code budgets} is the
   * engine's current view of the budgets the record names (those still in the catalog), checked for
   * staleness like every set. {@code usageOut} (may be null) receives each budget's usage after the add.
   *
   * @return a reply of {@link LedgerStatus#OK}, {@link LedgerStatus#DUPLICATE} (already settled with
   *     this actual amount), {@link LedgerStatus#KEY_CONFLICT} (settled with another, or released),
   *     {@link LedgerStatus#UNKNOWN}, {@link LedgerStatus#OVERFLOW} or {@link LedgerStatus#STALE};
   *     nothing changed for any but OK
   */
  long settle(BudgetSet budgets, long nowMillis, String reservationId, long actual, long[] usageOut,
      ThresholdClaims claimsOut);

  /**
   * Atomically releases a reservation by {@link ReservationRules#releaseOutcome}: for an open one,
   * drops its hold from every budget it held and keeps the record as released.
   *
   * @return a reply of {@link LedgerStatus#OK}, {@link LedgerStatus#DUPLICATE} (already released),
   *     {@link LedgerStatus#KEY_CONFLICT} (settled) or {@link LedgerStatus#UNKNOWN}
   */
  long release(String reservationId, long nowMillis);
}
