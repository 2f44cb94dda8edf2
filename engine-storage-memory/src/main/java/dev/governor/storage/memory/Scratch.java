package dev.governor.storage.memory;

/**
 * Per-thread working arrays for single-set ledger operations, so that a warm check or consume
 * allocates nothing. Grown on demand, never shrunk. Confined to its thread.
 */
final class Scratch {
  private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

  AssignmentNode[] counters = new AssignmentNode[16];
  long[] limits = new long[16];
  long[] periods = new long[16];
  long[] usage = new long[16];
  int[] stripes = new int[17];
  long[] stamps = new long[17];

  static Scratch get(int budgets) {
    Scratch s = LOCAL.get();
    if (s.counters.length < budgets) {
      s.grow(budgets);
    }
    return s;
  }

  private void grow(int n) {
    int size = Math.max(n, counters.length * 2);
    counters = new AssignmentNode[size];
    limits = new long[size];
    periods = new long[size];
    usage = new long[size];
    stripes = new int[size + 1];
    stamps = new long[size + 1];
  }
}
