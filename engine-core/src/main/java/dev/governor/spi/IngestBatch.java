package dev.governor.spi;

import java.util.Arrays;

/**
 * A batch of usage events planned by the engine for one owner: for each event its budgets, amount,
 * optional idempotency key and the time whose period it belongs to (never later than the operation's
 * {@code now}). The store fills in the outcome of each event and the usage of each budget after it.
 *
 * <p>Not thread-safe: one batch belongs to one call.
 */
public final class IngestBatch {
  private final long catalogVersion;
  private final BudgetSet[] budgets;
  private final long[] amounts;
  private final String[] idempotencyKeys;
  private final long[] eventTimes;
  private final LedgerStatus[] outcomes;
  private final long[][] usageAfter;
  private final boolean[][] late;
  private int overflowIndex = -1;

  /**
   * @param catalogVersion the catalog version every budget set was computed from
   * @param budgets per event, the budgets it adds to
   * @param amounts per event, the positive amount
   * @param idempotencyKeys per event, the key or null
   * @param eventTimes per event, epoch milliseconds whose period it belongs to
   */
  public IngestBatch(long catalogVersion, BudgetSet[] budgets, long[] amounts, String[] idempotencyKeys, long[] eventTimes) {
    int n = budgets.length;
    if (amounts.length != n || idempotencyKeys.length != n || eventTimes.length != n) {
      throw new IllegalArgumentException("every per-event array must have " + n + " elements");
    }
    this.catalogVersion = catalogVersion;
    this.budgets = budgets;
    this.amounts = amounts;
    this.idempotencyKeys = idempotencyKeys;
    this.eventTimes = eventTimes;
    this.outcomes = new LedgerStatus[n];
    this.usageAfter = new long[n][];
    this.late = new boolean[n][];
    for (int e = 0; e < n; e++) {
      usageAfter[e] = new long[budgets[e].size()];
      late[e] = new boolean[budgets[e].size()];
    }
  }

  public long catalogVersion() {
    return catalogVersion;
  }

  public int size() {
    return budgets.length;
  }

  public BudgetSet budgets(int event) {
    return budgets[event];
  }

  public long amount(int event) {
    return amounts[event];
  }

  /** The event's idempotency key, or null. */
  public String idempotencyKey(int event) {
    return idempotencyKeys[event];
  }

  public long eventTime(int event) {
    return eventTimes[event];
  }

  /** Store output: {@link LedgerStatus#OK} (recorded) or {@link LedgerStatus#DUPLICATE}. */
  public void outcome(int event, LedgerStatus outcome) {
    outcomes[event] = outcome;
  }

  public LedgerStatus outcome(int event) {
    return outcomes[event];
  }

  /** Store output: the current-period usage of budget {@code i} after event {@code event} was added. */
  public void usageAfter(int event, int i, long usage) {
    usageAfter[event][i] = usage;
    late[event][i] = false;
  }

  /**
   * Store output: event {@code event} belongs to a closed period of budget {@code i} and was not
   * added to it; {@code currentUsage} is the budget's unchanged current-period usage.
   */
  public void late(int event, int i, long currentUsage) {
    usageAfter[event][i] = currentUsage;
    late[event][i] = true;
  }

  /** True when the store marked budget {@code i} late for event {@code event}. */
  public boolean isLate(int event, int i) {
    return late[event][i];
  }

  public long usageAfter(int event, int i) {
    return usageAfter[event][i];
  }

  /** Store output: the event whose add would overflow, reported with {@link LedgerStatus#OVERFLOW}. */
  public void overflowIndex(int event) {
    overflowIndex = event;
  }

  public int overflowIndex() {
    return overflowIndex;
  }

  /** Clears every output so the batch can be handed to the store again after a stale attempt. */
  public void resetOutputs() {
    Arrays.fill(outcomes, null);
    for (long[] u : usageAfter) {
      Arrays.fill(u, 0L);
    }
    for (boolean[] l : late) {
      Arrays.fill(l, false);
    }
    overflowIndex = -1;
  }
}
