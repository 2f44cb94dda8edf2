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
  long read(BudgetSet budgets, long nowMillis, long[] usageOut);

  /**
   * Decides from one consistent snapshot whether every limited budget has
   * {@code usage + amount <= limit} ({@link LedgerRules#hasRoom}), without changing anything or
   * reporting usage: the allocation-free gate. Reads {@code clock} at most once. A store may skip it
   * when the recorded usage alone grants: a counter's recorded usage bounds its usage in whatever
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
  long readEach(BudgetSet budgets, long nowMillis, long[] usageOut);

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
   * budget's add reached ({@link LedgerRules#newlyReached}), writing them to {@code reachedOut[i]}; the
   * caller passes zeros, and a store may leave the entries of budgets that reached nothing untouched
   * ({@code reachedOut} may be null: the claims are made all the same, and whoever passed null will
   * not announce them).
   * Claims are kept per counter for the counter's period, so each threshold is claimed once per
   * budget and period, by one add, whichever engine makes it.
   */
  long consume(BudgetSet budgets, long nowMillis, long amount, IdempotencyClaim claim, long[] usageOut, int[] reachedOut);

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
}
