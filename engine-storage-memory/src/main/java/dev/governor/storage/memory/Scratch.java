package dev.governor.storage.memory;

/**
 * Per-thread working arrays for single-set ledger operations, so that a warm check or consume
 * allocates nothing. Primitives only: storing object references into a long-lived array would cost a
 * garbage-collector write barrier per budget on the hot path. Grown on demand, never shrunk.
 * Confined to its thread.
 */
final class Scratch {
  private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

  long[] limits = new long[16];
  long[] periods = new long[16];
  int[] stripes = new int[17];
  long[] stamps = new long[17];

  static Scratch get(int budgets) {
    Scratch s = LOCAL.get();
    if (s.limits.length < budgets) {
      s.grow(budgets);
    }
    return s;
  }

  private void grow(int n) {
    int size = Math.max(n, limits.length * 2);
    limits = new long[size];
    periods = new long[size];
    stripes = new int[size + 1];
    stamps = new long[size + 1];
  }
}
