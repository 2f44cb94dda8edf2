package dev.governor.spi;

/**
 * The complete set of budgets (the assignments that apply to one request, each with its counter,
 * limit and period) one runtime operation reads or changes, computed by the engine from
 * its compiled view of one owner's catalog at {@link #catalogVersion()}. A store never decides which
 * budgets apply; it only reads and changes the counters it is handed.
 *
 * <p>Implementations are immutable and thread-safe; the engine shares one instance between all
 * threads that check or consume against the same entity and capability.
 */
public interface BudgetSet {
  /** The value {@link #limit(int)} returns for a tracked-but-unlimited budget. */
  long UNLIMITED = -1L;

  /** {@link #globalVersion()} of a set that does not depend on the engine-wide catalog. */
  long ANY_GLOBAL_VERSION = -1L;

  /** The alert thresholds of a budget without any. */
  double[] NO_THRESHOLDS = new double[0];
  /** The alert levels of a budget without any. */
  long[] NO_LEVELS = new long[0];

  /** The owner's catalog version this set was computed from. */
  long catalogVersion();

  /**
   * The engine-wide catalog version this set was computed from, when the set depends on it (a
   * subject given by dimensions resolves through the types' attribution keys), else
   * {@link #ANY_GLOBAL_VERSION}. The ledger refuses a set whose version is not the current one.
   */
  default long globalVersion() {
    return ANY_GLOBAL_VERSION;
  }

  /** How many budgets the set holds (0 when none applies). */
  int size();

  /** The counter of budget {@code i}. */
  LedgerCounter counter(int i);

  /**
   * Every budget's counter, index-aligned with {@link #counter(int)}. For speed the engine returns
   * the set's own immutable array rather than a copy: a store must only read it. The default builds
   * a fresh array.
   */
  default LedgerCounter[] counters() {
    LedgerCounter[] out = new LedgerCounter[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = counter(i);
    }
    return out;
  }

  /**
   * The assignment id of budget {@code i}: a reservation's record keeps the ids of the budgets it
   * holds. The default: unsupported (a set used only to check and consume need not know them).
   */
  default java.util.UUID assignmentId(int i) {
    throw new UnsupportedOperationException("this budget set does not name its assignments");
  }

  /**
   * Every budget's assignment id, index-aligned, as an immutable list the engine shares between
   * calls (a store may keep it). The default builds a fresh list from {@link #assignmentId}.
   */
  default java.util.List<java.util.UUID> assignmentIds() {
    java.util.UUID[] ids = new java.util.UUID[size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = assignmentId(i);
    }
    return java.util.List.of(ids);
  }

  /** The limit of budget {@code i}, or {@link #UNLIMITED}. */
  long limit(int i);

  /**
   * Every budget's limit, index-aligned. Like {@link #counters()} the engine returns its own
   * immutable array: a store must only read it. The default builds a fresh array.
   */
  default long[] limits() {
    long[] out = new long[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = limit(i);
    }
    return out;
  }

  /**
   * Every budget's {@link #periodStart(int, long)} at {@code timeMillis}, index-aligned. The engine
   * returns a cached immutable array while the periods stay the same: a store must only read it.
   * The default builds a fresh array.
   */
  default long[] periodStarts(long timeMillis) {
    long[] out = new long[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = periodStart(i, timeMillis);
    }
    return out;
  }

  /**
   * True when some budget of the set has alert thresholds: the store then claims the thresholds an
   * add reaches ({@link LedgerRules#newlyReached}) in the same atomic step. The default: none.
   */
  default boolean hasAlerts() {
    return false;
  }

  /**
   * Every budget's lowest alert level ({@link Long#MAX_VALUE} for a budget without thresholds),
   * index-aligned: an add that leaves every budget below its floor reaches nothing, so a store may
   * skip the claims. The engine returns its own immutable array: a store must only read it.
   */
  default long[] alertFloors() {
    long[] out = new long[size()];
    for (int i = 0; i < out.length; i++) {
      long[] levels = alertLevels(i);
      out[i] = levels.length == 0 ? Long.MAX_VALUE : levels[0];
    }
    return out;
  }

  /**
   * The alert thresholds of budget {@code i} (fractions of its limit, ascending), index-aligned with
   * {@link #alertLevels(int)}; {@link #NO_THRESHOLDS} for none. A store must only read it.
   */
  default double[] alertThresholds(int i) {
    return NO_THRESHOLDS;
  }

  /**
   * The usage at which each of budget {@code i}'s alert thresholds is reached ({@code ceil(fraction
   * x limit)}, exact); {@link #NO_LEVELS} for none. A store must only read it.
   */
  default long[] alertLevels(int i) {
    return NO_LEVELS;
  }

  /**
   * The start (epoch milliseconds, inclusive) of the period of budget {@code i} that contains
   * {@code timeMillis}. Pure: depends only on the budget's cadence and anchor.
   */
  long periodStart(int i, long timeMillis);
}
