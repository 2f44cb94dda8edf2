package dev.governor.storage.memory;

import dev.governor.spi.BudgetSet;
import dev.governor.spi.LedgerCounter;
import dev.governor.spi.LedgerRules;
import dev.governor.spi.ReservationRules;

/**
 * The usage counter of one assignment: {@code (periodStart, usage)}, rewritten in place when its
 * period moves on. Created when the assignment is committed and shared by every snapshot that holds
 * the assignment.
 *
 * <p>The state is kept twice: in this object's fields, which the decision path reads (one object per
 * budget, nothing else to load), and in the counter's slot of its owner's {@link CounterArena},
 * which report scans read from contiguous arrays instead of chasing thousands of objects. Both are
 * written together by {@link #write}, only under the write lock of stripe {@link #stripe}, and read
 * under it or optimistically, validated against the stripe's stamp.
 */
final class Counter implements LedgerCounter {
  final int stripe;
  /** The arena chunk holding this counter's mirror: {@code [at]} period start, {@code [at + 1]} usage. */
  final long[] chunk;
  final int at;
  long periodStart = Long.MIN_VALUE;
  long usage;
  /** The alert thresholds claimed in the period starting at {@link #alertPeriod}; written under the stripe lock. */
  long alertPeriod = Long.MIN_VALUE;
  double[] alertClaims = BudgetSet.NO_THRESHOLDS;
  /**
   * The reservations holding this counter (expired ones until pruned), a fresh array on every change
   * so that an optimistic reader may scan whichever array it saw; with their estimates' sum and the
   * earliest expiry among them, before which that sum is exactly what is held. Written under the
   * stripe lock.
   */
  MemoryReservation[] holds = MemoryReservation.NONE;
  long heldSum;
  long heldUntil = Long.MAX_VALUE;

  Counter(int stripe, long[] chunk, int at) {
    this.stripe = stripe;
    this.chunk = chunk;
    this.at = at;
  }

  /** Sets the state, in the fields and in the arena; the caller holds the stripe's write lock. */
  void write(long newPeriodStart, long newUsage) {
    long[] mirror = chunk;
    int a = at;
    // The period changes once per period: skip the two stores when it stays.
    if (newPeriodStart != periodStart) {
      periodStart = newPeriodStart;
      mirror[a] = newPeriodStart;
    }
    usage = newUsage;
    mirror[a + 1] = newUsage;
  }

  /**
   * Claims the thresholds budget {@code i} of {@code budgets} reached at this counter's usage
   * (LedgerRules.newlyReached), for the counter's current period; returns them. The caller holds
   * the stripe's write lock and has just written the add.
   */
  int claimAlerts(BudgetSet budgets, int i) {
    long[] levels = budgets.alertLevels(i);
    // Levels ascend with the thresholds: below the lowest, nothing is reached and nothing is read.
    if (levels.length == 0 || usage < levels[0]) {
      return 0;
    }
    double[] thresholds = budgets.alertThresholds(i);
    double[] claimed = LedgerRules.claimedIn(alertPeriod, alertClaims, periodStart);
    int reached = LedgerRules.newlyReached(thresholds, levels, usage, claimed);
    if (reached != 0) {
      alertPeriod = periodStart;
      alertClaims = LedgerRules.withClaims(claimed, thresholds, reached);
    }
    return reached;
  }

  /** What is held at {@code now} (ReservationRules.counts); the caller holds the stripe lock or validates a stamp after. */
  long held(long now) {
    return now < heldUntil ? heldSum : heldAt(holds, now);
  }

  /** The sum of the estimates in {@code holds} still counting at {@code now}, saturating. */
  static long heldAt(MemoryReservation[] holds, long now) {
    long sum = 0L;
    for (MemoryReservation r : holds) {
      // Null only in an optimistic read racing a writer, which its stamp then voids.
      if (r != null && ReservationRules.counts(r.expiresAt, now)) {
        sum = ReservationRules.committed(sum, r.estimate);
      }
    }
    return sum;
  }

  /** Drops the holds that stopped counting at {@code now}; returns how many. The caller holds the stripe's write lock. */
  int prune(long now) {
    if (now < heldUntil) {
      return 0;
    }
    int kept = 0;
    for (MemoryReservation r : holds) {
      if (ReservationRules.counts(r.expiresAt, now)) {
        kept++;
      }
    }
    int dropped = holds.length - kept;
    MemoryReservation[] next = new MemoryReservation[kept];
    int k = 0;
    for (MemoryReservation r : holds) {
      if (ReservationRules.counts(r.expiresAt, now)) {
        next[k++] = r;
      }
    }
    setHolds(next);
    return dropped;
  }

  /** Adds a hold. The caller holds the stripe's write lock. */
  void addHold(MemoryReservation r) {
    MemoryReservation[] next = java.util.Arrays.copyOf(holds, holds.length + 1);
    next[holds.length] = r;
    setHolds(next);
  }

  /** Drops {@code r}'s hold if this counter has it; returns whether it had. The caller holds the stripe's write lock. */
  boolean dropHold(MemoryReservation r) {
    for (int i = 0; i < holds.length; i++) {
      if (holds[i] == r) {
        MemoryReservation[] next = new MemoryReservation[holds.length - 1];
        System.arraycopy(holds, 0, next, 0, i);
        System.arraycopy(holds, i + 1, next, i, next.length - i);
        setHolds(next);
        return true;
      }
    }
    return false;
  }

  private void setHolds(MemoryReservation[] next) {
    long sum = 0L;
    long until = Long.MAX_VALUE;
    for (MemoryReservation r : next) {
      sum = ReservationRules.committed(sum, r.estimate);
      until = Math.min(until, r.expiresAt);
    }
    // Optimistic readers validate their stamp after reading, so they never mix two of these writes.
    heldSum = sum;
    heldUntil = until;
    holds = next;
  }

  @Override
  public String toString() {
    return "Counter[stripe=" + stripe + ", periodStart=" + periodStart + ", usage=" + usage + "]";
  }
}
