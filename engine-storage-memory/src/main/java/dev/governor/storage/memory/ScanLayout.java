package dev.governor.storage.memory;

import dev.governor.spi.BudgetSet;
import dev.governor.spi.LedgerCounter;

/**
 * The mirror slots of one budget set's counters, index-aligned with the set: the chunk and the
 * offset of each. A counter's slot never changes, so a layout stays right for as long as its set
 * exists. Immutable and thread-safe.
 *
 * @param budgets the set this is the layout of (compared by identity)
 * @param chunks per budget, the arena chunk of its counter
 * @param at per budget, the offset of its counter's period start in the chunk (usage follows)
 * @param stripes the distinct stripes of the set, or a single entry when they are all one
 */
record ScanLayout(BudgetSet budgets, long[][] chunks, int[] at, int[] stripes) {
  /** How many layouts an owner keeps. */
  static final int KEPT = 4;

  static ScanLayout of(BudgetSet budgets) {
    int n = budgets.size();
    LedgerCounter[] counters = budgets.counters();
    long[][] chunks = new long[n][];
    int[] at = new int[n];
    java.util.TreeSet<Integer> distinct = new java.util.TreeSet<>();
    for (int i = 0; i < n; i++) {
      Counter c = (Counter) counters[i];
      chunks[i] = c.chunk;
      at[i] = c.at;
      distinct.add(c.stripe);
    }
    return new ScanLayout(budgets, chunks, at, distinct.stream().mapToInt(Integer::intValue).toArray());
  }
}
