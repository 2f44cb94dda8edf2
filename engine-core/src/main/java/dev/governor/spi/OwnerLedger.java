package dev.governor.spi;

import java.util.UUID;

/**
 * The usage counters of one owner. Each method is one atomic operation over the complete set of
 * budgets the engine computed for it, so that a remote store can run it server-side in a single
 * round trip (one Redis Lua script, one Hazelcast entry processor): the engine never reads a counter
 * and writes it back in a second call.
 *
 * <h2>Contract every store keeps</h2>
 * <ul>
 *   <li><b>Periods.</b> A counter holds {@code (periodStart, usage)}. For budget {@code i} at time
 *       {@code t} the current period starts at {@code p = budgets.periodStart(i, t)}. A counter whose
 *       period is older than {@code p} counts as 0 (lazy rollover: nothing runs at the boundary);
 *       writing it moves it to {@code p}. A counter already in a later period than {@code p}
 *       (another caller saw a later clock) is taken as it is.</li>
 *   <li><b>Staleness.</b> Every operation first compares {@link BudgetSet#catalogVersion()} with
 *       {@link #catalogVersion()} inside the same atomic step; on mismatch it changes nothing and
 *       returns {@link LedgerStatus#STALE}. Together with the catalog store bumping the version on
 *       every change, this keeps a consume from being granted under a limit that is no longer in
 *       force.</li>
 *   <li><b>All or nothing.</b> If a call throws, nothing it was about to change has changed, and no
 *       idempotency key it was about to claim is claimed. A store reads every input it needs
 *       (counters, limits, periods) before it writes anything.</li>
 *   <li><b>Idempotency keys</b> are per owner, claimed in the same atomic step as the add they
 *       guard, kept for the engine's retention window and bounded in number.</li>
 *   <li><b>Overflow.</b> An add that would pass {@link Long#MAX_VALUE} changes nothing and returns
 *       {@link LedgerStatus#OVERFLOW}.</li>
 *   <li><b>Failure.</b> A store that cannot answer throws a {@link RuntimeException}; the engine
 *       reports {@link dev.governor.StoreUnavailableException} and fails closed.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface OwnerLedger {
  /** The owner. */
  String ownerId();

  /** The owner's current catalog version, as the ledger validates plans against it. */
  long catalogVersion();

  /**
   * The counter handle of an assignment. The engine calls this only while holding a catalog view
   * in which the assignment exists; the counter is created on first use and removed together with
   * the assignment.
   */
  LedgerCounter counter(UUID assignmentId);

  /**
   * Reads the current-period usage of every budget as one consistent snapshot, into
   * {@code usageOut[0..size)}. Never changes anything.
   *
   * @return {@link LedgerStatus#OK} or {@link LedgerStatus#STALE}
   */
  LedgerStatus read(BudgetSet budgets, long nowMillis, long[] usageOut);

  /**
   * Decides, from one consistent snapshot, whether every limited budget has
   * {@code usage + amount <= limit}, without changing anything and without reporting usage (the
   * allocation-free gate).
   *
   * @return {@link LedgerStatus#GRANTED}, {@link LedgerStatus#DENIED} or {@link LedgerStatus#STALE}
   */
  LedgerStatus check(BudgetSet budgets, long nowMillis, long amount);

  /**
   * Decides {@link #check} without the time where that is possible: a counter's recorded usage is an
   * upper bound of its usage in whatever period is current (a counter left in an older period counts
   * 0), so if every limited budget has {@code recordedUsage + amount <= limit} the answer is
   * {@link LedgerStatus#GRANTED} at any time. Otherwise it returns {@link LedgerStatus#DENIED},
   * meaning "not certain without the time": the engine then reads its clock and calls
   * {@link #check}. Also returns {@link LedgerStatus#STALE}. One consistent snapshot; never changes
   * anything. This saves a clock read on the gate's common path.
   */
  LedgerStatus checkRecorded(BudgetSet budgets, long amount);

  /**
   * Reads the current-period usage of each budget, each counter on its own (not one snapshot across
   * counters), for reports over many budgets. Never changes anything, never returns stale.
   */
  void readEach(BudgetSet budgets, long nowMillis, long[] usageOut);

  /**
   * Atomically: if {@code idempotencyKey} (may be null) was claimed within the retention, returns
   * {@link LedgerStatus#DUPLICATE}; else if every limited budget has
   * {@code usage + amount <= limit}, adds {@code amount} to every budget, claims the key and returns
   * {@link LedgerStatus#GRANTED}; else returns {@link LedgerStatus#DENIED}. {@code usageOut} (may be
   * null) receives the usage of each budget before the add (for every status but STALE).
   */
  LedgerStatus consume(BudgetSet budgets, long nowMillis, long amount, String idempotencyKey, long[] usageOut);

  /**
   * Atomically for the whole batch: each event whose key was claimed (within the retention, or by an
   * earlier event of the batch) is a {@link LedgerStatus#DUPLICATE}; every other event claims its
   * key and adds its amount to each of its budgets whose period containing
   * {@link IngestBatch#eventTime} is still the counter's current period, and is marked late
   * ({@link IngestBatch#late}) for the others.
   *
   * @return {@link LedgerStatus#OK}, {@link LedgerStatus#STALE} or {@link LedgerStatus#OVERFLOW}
   *     (with {@link IngestBatch#overflowIndex()} set); on anything but OK nothing changed
   */
  LedgerStatus ingest(IngestBatch batch, long nowMillis);
}
