package dev.governor.internal;

/**
 * Selects the first {@code k} rows of a {@link RowOrder} with a bounded max-heap (the root is the
 * worst row kept): one pass, O(n log k), no sort of the whole candidate set, and the sort values of
 * only the rows kept. Confined to one query.
 */
final class TopK {
  private final RowOrder order;
  private final long[] p1;
  private final long[] p2;
  private final int[] rows;
  private final long[] payload;
  private int size;

  TopK(RowOrder order, int k) {
    this.order = order;
    this.p1 = new long[k];
    this.p2 = new long[k];
    this.rows = new int[k];
    this.payload = new long[k];
  }

  /** Offers a row with its sort values and a value to keep with it (the usage read for it). */
  void offer(long v1, long v2, int row, long value) {
    if (size < rows.length) {
      p1[size] = v1;
      p2[size] = v2;
      rows[size] = row;
      payload[size] = value;
      siftUp(size++);
    } else if (order.compare(v1, v2, row, p1[0], p2[0], rows[0]) < 0) {
      replaceRoot(v1, v2, row, value);
    }
  }

  long value(int slot) {
    return payload[slot];
  }

  int size() {
    return size;
  }

  /** True when the heap holds k rows, so a new row must beat {@link #worstP1()} to get in. */
  boolean full() {
    return size == rows.length;
  }

  /** The first sort value of the worst row kept. */
  long worstP1() {
    return p1[0];
  }

  /** The heap slots in row order; read a slot with {@link #row}, {@link #p1}, {@link #p2}. */
  int[] sortedSlots() {
    Integer[] slots = new Integer[size];
    for (int i = 0; i < size; i++) {
      slots[i] = i;
    }
    java.util.Arrays.sort(slots, (a, b) -> order.compare(p1[a], p2[a], rows[a], p1[b], p2[b], rows[b]));
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = slots[i];
    }
    return out;
  }

  int row(int slot) {
    return rows[slot];
  }

  long p1(int slot) {
    return p1[slot];
  }

  long p2(int slot) {
    return p2[slot];
  }

  private int compareSlots(int a, int b) {
    return order.compare(p1[a], p2[a], rows[a], p1[b], p2[b], rows[b]);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (compareSlots(i, parent) <= 0) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  /**
   * Replaces the worst row kept with a better one: moves the hole left by the root down past every
   * child worse than the new row, then writes the row once (one write per level, not a swap).
   */
  private void replaceRoot(long v1, long v2, int row, long value) {
    int i = 0;
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        break;
      }
      int worst = left;
      int right = left + 1;
      if (right < size && compareSlots(right, left) > 0) {
        worst = right;
      }
      if (order.compare(p1[worst], p2[worst], rows[worst], v1, v2, row) <= 0) {
        break;
      }
      p1[i] = p1[worst];
      p2[i] = p2[worst];
      rows[i] = rows[worst];
      payload[i] = payload[worst];
      i = worst;
    }
    p1[i] = v1;
    p2[i] = v2;
    rows[i] = row;
    payload[i] = value;
  }

  private void swap(int a, int b) {
    long t1 = p1[a];
    p1[a] = p1[b];
    p1[b] = t1;
    long t2 = p2[a];
    p2[a] = p2[b];
    p2[b] = t2;
    int r = rows[a];
    rows[a] = rows[b];
    rows[b] = r;
    long v = payload[a];
    payload[a] = payload[b];
    payload[b] = v;
  }
}
