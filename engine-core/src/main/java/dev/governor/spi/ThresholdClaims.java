package dev.governor.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * The alert thresholds one consume or settle claimed ({@link OwnerLedger#consume}, {@link
 * OwnerLedger#settle}): for each budget whose add reached any, its index in the budget set, the
 * thresholds reached (bit {@code j} for threshold {@code j} of {@link BudgetSet#alertThresholds},
 * as {@link LedgerRules#newlyReached} sets them) and its usage after the add.
 *
 * <p>A store adds an entry for each such budget inside the call's atomic step; the caller reads them
 * once the call returns. The usual add reaches nothing, so the usual call adds nothing: a caller
 * learns that from {@link #isEmpty()} without asking the store for every budget's usage. {@link
 * #clear()} empties it for the next call without allocating, so a caller may keep one per thread.
 *
 * <p>Not thread-safe: confined to the thread making the call.
 */
public final class ThresholdClaims {
  private int size;
  private static final int[] NO_INTS = new int[0];
  private static final long[] NO_LONGS = new long[0];

  private int[] budgets = NO_INTS;
  private int[] reached = NO_INTS;
  private long[] usageAfter = NO_LONGS;

  /** An empty one. */
  public ThresholdClaims() {
    // No arrays until the first claim: most calls claim nothing.
  }

  /** Empties it; keeps its arrays. */
  public void clear() {
    size = 0;
  }

  /**
   * Records that budget {@code budget}'s add reached the thresholds {@code reachedThresholds} (not
   * 0) with usage {@code usageAfterAdd} after the add.
   *
   * @throws IllegalArgumentException if {@code reachedThresholds} is 0 or {@code budget} negative
   */
  public void add(int budget, int reachedThresholds, long usageAfterAdd) {
    if (reachedThresholds == 0 || budget < 0) {
      throw new IllegalArgumentException("a claim names a budget (" + budget + ") and at least one threshold ("
          + Integer.toBinaryString(reachedThresholds) + ")");
    }
    if (size == budgets.length) {
      int capacity = Math.max(4, size * 2);
      budgets = Arrays.copyOf(budgets, capacity);
      reached = Arrays.copyOf(reached, capacity);
      usageAfter = Arrays.copyOf(usageAfter, capacity);
    }
    budgets[size] = budget;
    reached[size] = reachedThresholds;
    usageAfter[size++] = usageAfterAdd;
  }

  /** How many budgets reached thresholds. */
  public int size() {
    return size;
  }

  /** True when the call claimed nothing. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** The budget set index of entry {@code k}. */
  public int budget(int k) {
    return budgets[Objects.checkIndex(k, size)];
  }

  /** The thresholds entry {@code k} reached, as bits. */
  public int reached(int k) {
    return reached[Objects.checkIndex(k, size)];
  }

  /** The usage of entry {@code k}'s budget after the add. */
  public long usageAfter(int k) {
    return usageAfter[Objects.checkIndex(k, size)];
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("ThresholdClaims[");
    for (int k = 0; k < size; k++) {
      s.append(k == 0 ? "" : ", ").append(budgets[k]).append(": ").append(Integer.toBinaryString(reached[k]))
          .append(" at ").append(usageAfter[k]);
    }
    return s.append(']').toString();
  }
}
