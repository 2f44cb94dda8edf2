package dev.governor.storage.memory;

/**
 * The distinct stripes one operation touches, kept sorted so they are always locked in ascending
 * order (two multi-stripe operations can never deadlock), with the stamps of a read lock. The one
 * place where an operation gathers, locks and releases its stripes. One per thread, reused, so a
 * warm operation allocates nothing; confined to its thread and never used by two operations at once.
 */
final class StripeSpan {
  private static final ThreadLocal<StripeSpan> LOCAL = ThreadLocal.withInitial(StripeSpan::new);

  private int[] stripes = new int[17];
  private long[] stamps = new long[17];
  private int count;

  /** This thread's span, emptied. */
  static StripeSpan clear() {
    StripeSpan s = LOCAL.get();
    s.count = 0;
    return s;
  }

  /** Adds a stripe (kept sorted and distinct). */
  void add(int stripe) {
    int i = count - 1;
    while (i >= 0 && stripes[i] > stripe) {
      i--;
    }
    if (i >= 0 && stripes[i] == stripe) {
      return;
    }
    if (count == stripes.length) {
      stripes = java.util.Arrays.copyOf(stripes, count * 2);
      stamps = java.util.Arrays.copyOf(stamps, count * 2);
    }
    System.arraycopy(stripes, i + 1, stripes, i + 2, count - i - 1);
    stripes[i + 1] = stripe;
    count++;
  }

  /** The number of distinct stripes. */
  int size() {
    return count;
  }

  /** The only stripe, when {@link #size()} is 1. */
  int first() {
    return stripes[0];
  }

  /** Write-locks every stripe in ascending order; on a failure releases those already held. */
  void lockWrite(Stripes all) {
    all.lockAll(stripes, count);
  }

  /** Releases the write locks. */
  void unlockWrite(Stripes all) {
    all.unlockAll(stripes, count);
  }

  /** Read-locks every stripe in ascending order. */
  void lockRead(Stripes all) {
    for (int j = 0; j < count; j++) {
      stamps[j] = all.lock(stripes[j]).readLock();
    }
  }

  /** Releases the read locks. */
  void unlockRead(Stripes all) {
    for (int j = count - 1; j >= 0; j--) {
      all.lock(stripes[j]).unlockRead(stamps[j]);
    }
  }
}
