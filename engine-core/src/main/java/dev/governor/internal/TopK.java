package dev.governor.internal;

import java.util.Arrays;

/**
 * Selects the first {@code k} rows of a {@link RowOrder} with a bounded max-heap: one pass, O(n log
 * k), no sort of the whole candidate set. Confined to one query.
 */
final class TopK {
  private final RowOrder order;
  private final int[] heap;
  private int size;

  TopK(RowOrder order, int k) {
    this.order = order;
    this.heap = new int[k];
  }

  void offer(int row) {
    if (size < heap.length) {
      heap[size] = row;
      siftUp(size++);
    } else if (order.compare(row, heap[0]) < 0) {
      heap[0] = row;
      siftDown(0);
    }
  }

  /** The selected rows in order. */
  int[] sorted() {
    Integer[] boxed = new Integer[size];
    for (int i = 0; i < size; i++) {
      boxed[i] = heap[i];
    }
    Arrays.sort(boxed, order::compare);
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = boxed[i];
    }
    return out;
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (order.compare(heap[i], heap[parent]) <= 0) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int worst = left;
      int right = left + 1;
      if (right < size && order.compare(heap[right], heap[left]) > 0) {
        worst = right;
      }
      if (order.compare(heap[worst], heap[i]) <= 0) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  }

  private void swap(int a, int b) {
    int t = heap[a];
    heap[a] = heap[b];
    heap[b] = t;
  }
}
