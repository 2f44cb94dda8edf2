package dev.governor.spi;

import java.util.Arrays;

/**
 * A batch of usage events planned by the engine for one owner: for each event its budgets, amount,
 * optional idempotency key with the request's fingerprint, and the time whose period it belongs to
 * (never later than the operation's {@code now}). {@link LedgerRules#ingest} fills in the outcome of
 * each event and the usage of each budget after it.
 *
 * <p>Not thread-safe: one batch belongs to one call.
 */
public final class IngestBatch {
  private final long catalogVersion;
  private final long globalVersion;
  private final BudgetSet[] budgets;
  private final long[] amounts;
  private final String[] idempotencyKeys;
  private final long[] fingerprints;
  private final long[] eventTimes;
  private final long keyExpiresAtMillis;
  private final LedgerStatus[] outcomes;
  private final long[][] usageAfter;
  private final boolean[][] late;
  private final int[][] reached;
  private int failedIndex = -1;

  /**
   * @param catalogVersion the owner's catalog version every budget set was computed from
   * @param globalVersion the engine-wide catalog version they depend on, or
   *     {@link BudgetSet#ANY_GLOBAL_VERSION}
   * @param budgets per event, the budgets it adds to
   * @param amounts per event, the positive amount
   * @param idempotencyKeys per event, the key or null
   * @param fingerprints per event, the request's fingerprint (read only where there is a key)
   * @param eventTimes per event, epoch milliseconds whose period it belongs to
   * @param keyExpiresAtMillis until when the keys this batch claims hold
   */
  public IngestBatch(long catalogVersion, long globalVersion, BudgetSet[] budgets, long[] amounts, String[] idempotencyKeys,
      long[] fingerprints, long[] eventTimes, long keyExpiresAtMillis) {
    int n = budgets.length;
    if (amounts.length != n || idempotencyKeys.length != n || fingerprints.length != n || eventTimes.length != n) {
      throw new IllegalArgumentException("every per-event array must have " + n + " elements");
    }
    this.catalogVersion = catalogVersion;
    this.globalVersion = globalVersion;
    this.budgets = budgets;
    this.amounts = amounts;
    this.idempotencyKeys = idempotencyKeys;
    this.fingerprints = fingerprints;
    this.eventTimes = eventTimes;
    this.keyExpiresAtMillis = keyExpiresAtMillis;
    this.outcomes = new LedgerStatus[n];
    this.usageAfter = new long[n][];
    this.late = new boolean[n][];
    this.reached = new int[n][];
    for (int e = 0; e < n; e++) {
      usageAfter[e] = new long[budgets[e].size()];
      late[e] = new boolean[budgets[e].size()];
      reached[e] = new int[budgets[e].size()];
    }
  }

  /** The owner's catalog version the batch was planned on. */
  public long catalogVersion() {
    return catalogVersion;
  }

  /** The engine-wide catalog version the batch depends on, or {@link BudgetSet#ANY_GLOBAL_VERSION}. */
  public long globalVersion() {
    return globalVersion;
  }

  /** The number of events. */
  public int size() {
    return budgets.length;
  }

  /** The budgets of one event. */
  public BudgetSet budgets(int event) {
    return budgets[event];
  }

  /** The amount of one event. */
  public long amount(int event) {
    return amounts[event];
  }

  /** The event's idempotency key, or null. */
  public String idempotencyKey(int event) {
    return idempotencyKeys[event];
  }

  /** The fingerprint of the event's request, meaningful when it has a key. */
  public long fingerprint(int event) {
    return fingerprints[event];
  }

  /** Epoch milliseconds whose period the event belongs to. */
  public long eventTime(int event) {
    return eventTimes[event];
  }

  /** Until when the keys this batch claims hold. */
  public long keyExpiresAtMillis() {
    return keyExpiresAtMillis;
  }

  /** Output: {@link LedgerStatus#OK} (recorded) or {@link LedgerStatus#DUPLICATE}. */
  public void outcome(int event, LedgerStatus outcome) {
    outcomes[event] = outcome;
  }

  /** The outcome of one event, or null before the ledger ran. */
  public LedgerStatus outcome(int event) {
    return outcomes[event];
  }

  /** Output: the current-period usage of budget {@code i} after event {@code event} was added. */
  public void usageAfter(int event, int i, long usage) {
    usageAfter[event][i] = usage;
    late[event][i] = false;
  }

  /**
   * Output: event {@code event} belongs to a closed period of budget {@code i} and was not added to
   * it; {@code currentUsage} is the budget's unchanged current-period usage.
   */
  public void late(int event, int i, long currentUsage) {
    usageAfter[event][i] = currentUsage;
    late[event][i] = true;
  }

  /** True when budget {@code i} was late for event {@code event}. */
  public boolean isLate(int event, int i) {
    return late[event][i];
  }

  /** The usage of budget {@code i} after event {@code event} (or its unchanged usage when late). */
  public long usageAfter(int event, int i) {
    return usageAfter[event][i];
  }

  /**
   * Output: the alert thresholds of budget {@code i} that event {@code event}'s add reached and
   * claimed (bits as {@link LedgerRules#newlyReached} sets them).
   */
  public void reached(int event, int i, int thresholds) {
    reached[event][i] = thresholds;
  }

  /** The alert thresholds of budget {@code i} that event {@code event} claimed; 0 for none. */
  public int reached(int event, int i) {
    return reached[event][i];
  }

  /** Output: the event that made the batch fail ({@link LedgerStatus#OVERFLOW} or KEY_CONFLICT). */
  public void failedIndex(int event) {
    failedIndex = event;
  }

  /** The event that made the batch fail, or -1. */
  public int failedIndex() {
    return failedIndex;
  }

  /** True when event {@code event} was recorded and carries a key the store must now claim. */
  public boolean claims(int event) {
    return outcomes[event] == LedgerStatus.OK && idempotencyKeys[event] != null;
  }

  /** Clears every output so the batch can be handed to the store again. */
  public void resetOutputs() {
    Arrays.fill(outcomes, null);
    for (long[] u : usageAfter) {
      Arrays.fill(u, 0L);
    }
    for (boolean[] l : late) {
      Arrays.fill(l, false);
    }
    for (int[] r : reached) {
      Arrays.fill(r, 0);
    }
    failedIndex = -1;
  }
}
