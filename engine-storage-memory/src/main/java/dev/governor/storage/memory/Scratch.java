package dev.governor.storage.memory;

/**
 * Per-thread working arrays for single-set ledger operations (the counter states handed to
 * {@link dev.governor.spi.LedgerRules} and the optimistic stamps of extra stripes), so that a warm
 * check or consume allocates nothing. Primitives only: storing object references into a long-lived
 * array would cost a garbage-collector write barrier per budget on the hot path. Grown on demand,
 * never shrunk. Confined to its thread.
 */
final class Scratch {
  private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

  long[] statePeriods = new long[16];
  long[] stateUsages = new long[16];
  int[] stripes = new int[16];
  long[] stamps = new long[16];

  static Scratch get(int budgets) {
    Scratch s = LOCAL.get();
    if (s.statePeriods.length < budgets) {
      s.grow(budgets);
    }
    return s;
  }

  private void grow(int n) {
    int size = Math.max(n, statePeriods.length * 2);
    statePeriods = new long[size];
    stateUsages = new long[size];
    stripes = new int[size];
    stamps = new long[size];
  }
}
