package dev.governor.spi;

import java.util.HashMap;
import java.util.Map;

/**
 * The ledger's rules, written once: staleness, lazy period rollover, the limit test, overflow,
 * late events and the order of idempotency decisions. Pure functions of counter states and a
 * budget set: a store reads the states of the counters it was handed (inside its atomic step),
 * calls these, and writes back the new states the functions leave in its arrays. The memory store
 * runs them directly; a remote store's script ports them line for line, and both are held to the
 * same conformance suites. Stateless and thread-safe.
 *
 * <p>Counter states come as two index-aligned arrays, {@code statePeriods} (the start of the
 * period the counter last counted in, {@link Long#MIN_VALUE} for a counter never written) and
 * {@code stateUsages}.
 */
public final class LedgerRules {
  private LedgerRules() {}

  /** How a claimed idempotency key relates to the request that carries it. */
  public enum KeyMatch {
    /** No key, or the key is not claimed (never, or its claim expired). */
    ABSENT,
    /** The key is claimed by this same request: a retry. */
    SAME_REQUEST,
    /** The key is claimed by a request with another fingerprint: a reuse. */
    OTHER_REQUEST
  }

  /**
   * True when a decision planned on {@code budgets} may be made against the store's current
   * versions: the owner's version must match, and the engine-wide one too where the set depends
   * on it. Checked first, inside the atomic step.
   */
  public static boolean isCurrent(BudgetSet budgets, long ownerVersion, long globalVersion) {
    return isCurrent(budgets.catalogVersion(), budgets.globalVersion(), ownerVersion, globalVersion);
  }

  /** {@link #isCurrent(BudgetSet, long, long)} on the planned versions themselves. */
  public static boolean isCurrent(long plannedOwnerVersion, long plannedGlobalVersion, long ownerVersion, long globalVersion) {
    return plannedOwnerVersion == ownerVersion
        && (plannedGlobalVersion == BudgetSet.ANY_GLOBAL_VERSION || plannedGlobalVersion == globalVersion);
  }

  /**
   * Lazy rollover: the usage a counter holds for the period starting at {@code periodStart}. A
   * counter still in an older period counts 0 (nothing runs at the boundary); one already in a
   * later period (another caller saw a later clock) is taken as it is.
   */
  public static long usageIn(long counterPeriodStart, long counterUsage, long periodStart) {
    return counterPeriodStart >= periodStart ? counterUsage : 0L;
  }

  /** The limit test: an unlimited budget always has room; a limited one while {@code usage + amount <= limit}. */
  public static boolean hasRoom(long limit, long usage, long amount) {
    return limit == BudgetSet.UNLIMITED || amount <= limit - usage;
  }

  /** True when adding {@code amount} to {@code usage} would pass {@link Long#MAX_VALUE}. */
  public static boolean overflows(long usage, long amount) {
    return usage > Long.MAX_VALUE - amount;
  }

  /**
   * Compares a key's stored claim with the request's fingerprint.
   *
   * @param claimed whether the key is claimed and its claim has not expired
   */
  public static KeyMatch keyMatch(boolean claimed, long storedFingerprint, long fingerprint) {
    return !claimed ? KeyMatch.ABSENT : storedFingerprint == fingerprint ? KeyMatch.SAME_REQUEST : KeyMatch.OTHER_REQUEST;
  }

  /** True when a claim expiring at {@code expiresAtMillis} still holds at {@code nowMillis}. */
  public static boolean holds(long expiresAtMillis, long nowMillis) {
    return expiresAtMillis > nowMillis;
  }

  /**
   * A check over counter states: {@link LedgerReply#GRANTED} when every budget has room for
   * {@code amount} in the period starting at {@code periods[i]}, else {@link LedgerReply#DENIED}.
   */
  public static long check(long[] statePeriods, long[] stateUsages, long[] limits, long[] periods, int n, long amount) {
    for (int i = 0; i < n; i++) {
      if (!hasRoom(limits[i], usageIn(statePeriods[i], stateUsages[i], periods[i]), amount)) {
        return LedgerReply.DENIED;
      }
    }
    return LedgerReply.GRANTED;
  }

  /** True when adding {@code amount} would overflow an unlimited budget (a limited one is denied first). */
  public static boolean overflowsUnlimited(long limit, long usage, long amount) {
    return limit == BudgetSet.UNLIMITED && overflows(usage, amount);
  }

  /**
   * The order of a consume's decisions, given what its budgets said: a claimed key answers
   * {@link LedgerReply#DUPLICATE} (same request) or {@link LedgerReply#KEY_CONFLICT} (another one)
   * whatever the budgets say; then a budget without room answers {@link LedgerReply#DENIED}; then an
   * add that would overflow answers {@link LedgerReply#OVERFLOW}; otherwise
   * {@link LedgerReply#GRANTED}.
   *
   * @param everyBudgetHasRoom {@link #hasRoom} held for every budget
   * @param anyOverflow {@link #overflowsUnlimited} held for some budget
   */
  public static long consumeOutcome(boolean everyBudgetHasRoom, boolean anyOverflow, KeyMatch key) {
    if (key == KeyMatch.SAME_REQUEST) {
      return LedgerReply.DUPLICATE;
    }
    if (key == KeyMatch.OTHER_REQUEST) {
      return LedgerReply.KEY_CONFLICT;
    }
    if (!everyBudgetHasRoom) {
      return LedgerReply.DENIED;
    }
    return anyOverflow ? LedgerReply.OVERFLOW : LedgerReply.GRANTED;
  }

  /**
   * The alert thresholds already claimed for the period starting at {@code periodStart}, given the
   * claims a counter holds ({@code claimed}, for the period starting at {@code claimPeriod}): those
   * of that period or a later one (another caller saw a later clock) count, older ones are void.
   */
  public static double[] claimedIn(long claimPeriod, double[] claimed, long periodStart) {
    return claimPeriod >= periodStart ? claimed : BudgetSet.NO_THRESHOLDS;
  }

  /**
   * The alert thresholds an add leaves reached and not yet claimed: bit {@code j} for
   * {@code thresholds[j]} when {@code usageAfter >= levels[j]} and the fraction is not in
   * {@code claimed}. Claims are by fraction, so a threshold announced in a period stays announced
   * when the limit or the list of thresholds changes. The store claims them (adds them to the
   * counter's claims for the period of the add) in the same atomic step as the add.
   */
  public static int newlyReached(double[] thresholds, long[] levels, long usageAfter, double[] claimed) {
    int reached = 0;
    for (int j = 0; j < levels.length; j++) {
      if (usageAfter >= levels[j] && !contains(claimed, thresholds[j])) {
        reached |= 1 << j;
      }
    }
    return reached;
  }

  /** {@code claimed} plus the thresholds of {@code reached} (bits as {@link #newlyReached} sets them). */
  public static double[] withClaims(double[] claimed, double[] thresholds, int reached) {
    double[] out = java.util.Arrays.copyOf(claimed, claimed.length + Integer.bitCount(reached));
    int at = claimed.length;
    for (int j = 0; j < thresholds.length; j++) {
      if ((reached & (1 << j)) != 0) {
        out[at++] = thresholds[j];
      }
    }
    return out;
  }

  private static boolean contains(double[] values, double v) {
    for (double x : values) {
      if (x == v) {
        return true;
      }
    }
    return false;
  }

  /** The period a counter is in after an add for the period starting at {@code periodStart}. */
  public static long periodAfterAdd(long counterPeriodStart, long periodStart) {
    return Math.max(counterPeriodStart, periodStart);
  }

  /**
   * A consume over counter states: each budget's current usage goes to {@code usageOut} (may be
   * null), {@link #consumeOutcome} decides, and on {@link LedgerReply#GRANTED} the new states
   * ({@link #periodAfterAdd}, usage plus {@code amount}) are written into the state arrays and the
   * store must claim the key. Only GRANTED changes the arrays. A store that reads its counters in
   * place may run the same steps without the arrays.
   */
  public static long consume(long[] statePeriods, long[] stateUsages, long[] limits, long[] periods, int n, long amount,
      KeyMatch key, long[] usageOut) {
    boolean room = true;
    boolean overflow = false;
    for (int i = 0; i < n; i++) {
      long usage = usageIn(statePeriods[i], stateUsages[i], periods[i]);
      if (usageOut != null) {
        usageOut[i] = usage;
      }
      room &= hasRoom(limits[i], usage, amount);
      overflow |= overflowsUnlimited(limits[i], usage, amount);
    }
    long reply = consumeOutcome(room, overflow, key);
    if (reply == LedgerReply.GRANTED) {
      for (int i = 0; i < n; i++) {
        stateUsages[i] = usageIn(statePeriods[i], stateUsages[i], periods[i]) + amount;
        statePeriods[i] = periodAfterAdd(statePeriods[i], periods[i]);
      }
    }
    return reply;
  }

  /**
   * An ingest over counter states. {@code slots[e][i]} is the index, in the state arrays, of the
   * counter of event {@code e}'s budget {@code i} (events sharing a counter share a slot, so each
   * sees the adds of the events before it). {@code storedKeys[e]} is how event {@code e}'s key
   * matched the store's claims before the batch.
   *
   * <p>Events are taken in order. A key claimed before (or by an earlier event of the batch) for the
   * same request makes the event a duplicate; for another request it fails the whole batch with
   * {@link LedgerReply#KEY_CONFLICT}. Any other event is recorded: added to each budget whose period
   * containing the event's time is the counter's current period, and marked late for the others.
   * An add that would overflow fails the whole batch with {@link LedgerReply#OVERFLOW}. Outcomes
   * and usages go into the batch; on {@link LedgerReply#OK} the state arrays hold the new states and
   * the store claims the key of every event for which {@link IngestBatch#claims(int)} is true. On a
   * failure the caller must write nothing.
   */
  public static long ingest(IngestBatch batch, int[][] slots, long[] statePeriods, long[] stateUsages, KeyMatch[] storedKeys,
      long nowMillis) {
    Map<String, Long> keysOfBatch = null;
    for (int e = 0; e < batch.size(); e++) {
      String key = batch.idempotencyKey(e);
      if (key != null) {
        KeyMatch match = storedKeys[e];
        if (match == KeyMatch.ABSENT && keysOfBatch != null && keysOfBatch.containsKey(key)) {
          match = keysOfBatch.get(key) == batch.fingerprint(e) ? KeyMatch.SAME_REQUEST : KeyMatch.OTHER_REQUEST;
        }
        if (match == KeyMatch.OTHER_REQUEST) {
          batch.failedIndex(e);
          return LedgerReply.KEY_CONFLICT;
        }
        if (match == KeyMatch.SAME_REQUEST) {
          batch.outcome(e, LedgerStatus.DUPLICATE);
          continue;
        }
        if (keysOfBatch == null) {
          keysOfBatch = new HashMap<>();
        }
        keysOfBatch.put(key, batch.fingerprint(e));
      }
      batch.outcome(e, LedgerStatus.OK);
      BudgetSet budgets = batch.budgets(e);
      long amount = batch.amount(e);
      long eventTime = Math.min(batch.eventTime(e), nowMillis);
      for (int i = 0; i < budgets.size(); i++) {
        int s = slots[e][i];
        long current = Math.max(statePeriods[s], budgets.periodStart(i, nowMillis));
        long usage = usageIn(statePeriods[s], stateUsages[s], current);
        if (budgets.periodStart(i, eventTime) < current) {
          batch.late(e, i, usage);
          continue;
        }
        if (overflows(usage, amount)) {
          batch.failedIndex(e);
          return LedgerReply.OVERFLOW;
        }
        statePeriods[s] = current;
        stateUsages[s] = usage + amount;
        batch.usageAfter(e, i, stateUsages[s]);
      }
    }
    return LedgerReply.OK;
  }
}
