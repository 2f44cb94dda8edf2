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
   * The reservations holding this counter (expired ones until pruned) in {@code holds[0..holdCount)},
   * with their estimates' sum and the earliest expiry among them, before which that sum is exactly
   * what is held. Written under the stripe lock, in place (the array is replaced only to grow): an
   * optimistic reader may see a torn list, which its stamp then voids, so it bounds its reads by the
   * array it holds and skips empty slots.
   */
  MemoryReservation[] holds = MemoryReservation.NONE;
  int holdCount;
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
    return now < heldUntil ? heldSum : heldAt(holds, holdCount, now);
  }

  /** The sum of the estimates in {@code holds[0..count)} still counting at {@code now}, saturating. */
  static long heldAt(MemoryReservation[] holds, int count, long now) {
    long sum = 0L;
    int n = Math.min(count, holds.length);
    for (int i = 0; i < n; i++) {
      MemoryReservation r = holds[i];
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
    for (int i = 0; i < holdCount; i++) {
      if (ReservationRules.counts(holds[i].expiresAt, now)) {
        holds[kept++] = holds[i];
      }
    }
    int dropped = holdCount - kept;
    java.util.Arrays.fill(holds, kept, holdCount, null);
    holdCount = kept;
    summarize();
    return dropped;
  }

  /** Adds a hold. The caller holds the stripe's write lock. */
  void addHold(MemoryReservation r) {
    if (holdCount == holds.length) {
      holds = java.util.Arrays.copyOf(holds, Math.max(4, holds.length * 2));
    }
    holds[holdCount++] = r;
    heldSum = ReservationRules.committed(heldSum, r.estimate);
    heldUntil = Math.min(heldUntil, r.expiresAt);
  }

  /** Drops {@code r}'s hold if this counter has it; returns whether it had. The caller holds the stripe's write lock. */
  boolean dropHold(MemoryReservation r) {
    for (int i = 0; i < holdCount; i++) {
      if (holds[i] == r) {
        holds[i] = holds[holdCount - 1];
        holds[--holdCount] = null;
        if (r.expiresAt > heldUntil && heldSum != Long.MAX_VALUE) {
          heldSum -= r.estimate; // not the earliest, never saturated: both stay exact without a walk
        } else {
          summarize();
        }
        return true;
      }
    }
    return false;
  }

  private void summarize() {
    long sum = 0L;
    long until = Long.MAX_VALUE;
    for (int i = 0; i < holdCount; i++) {
      sum = ReservationRules.committed(sum, holds[i].estimate);
      until = Math.min(until, holds[i].expiresAt);
    }
    heldSum = sum;
    heldUntil = until;
  }

  @Override
  public String toString() {
    return "Counter[stripe=" + stripe + ", periodStart=" + periodStart + ", usage=" + usage + "]";
  }
}
