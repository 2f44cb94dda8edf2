package dev.governor.storage.memory;

/**
 * Everything the memory store keeps for one owner that holds data: the current catalog snapshot
 * with its version, and the owner's idempotency keys. Commits are serialized by
 * {@link #commitLock}; {@link #snapshot} is volatile and read anywhere. The counters live
 * in the snapshot's entries, guarded by the ledger's stripes. The ledger validates against
 * {@code snapshot.version}: one volatile field, so a reader can never see a version without its
 * snapshot.
 */
final class OwnerState {
  final String ownerId;
  private final long maxKeys;
  volatile MemoryOwnerSnapshot snapshot;
  final java.util.concurrent.locks.ReentrantLock commitLock = new java.util.concurrent.locks.ReentrantLock();
  private final Object keysLock = new Object();
  private volatile IdempotencyKeys keys;
  /** The mirror slots of the owner's counters; changed only under {@link #commitLock}. */
  final CounterArena arena = new CounterArena();
  /** The owner's open reservations by id (closed ones move to {@link #closed()}); see {@link MemoryReservations}. */
  final java.util.concurrent.ConcurrentHashMap<String, MemoryReservation> reservations = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile ClosedReservations closed;
  /** How many records the table may hold before the next reserve forgets those past their retention. */
  volatile int reservationsPurgeAt = 1024;
  /** How many counters of this owner hold at least one reservation (or expired hold not yet pruned): reports skip reading holds at zero. */
  final java.util.concurrent.atomic.AtomicLong holdingCounters = new java.util.concurrent.atomic.AtomicLong();

  /** The scan layouts of the budget sets reports read most recently; see {@link ScanLayout}. */
  private volatile ScanLayout[] layouts = new ScanLayout[0];

  private final int maxClosed;

  OwnerState(String ownerId, long maxKeys, int maxClosed) {
    this.ownerId = ownerId;
    this.maxKeys = maxKeys;
    this.maxClosed = maxClosed;
    this.snapshot = MemoryOwnerSnapshot.empty(ownerId);
  }

  /** The owner's closed reservations, created on first use. */
  ClosedReservations closed() {
    ClosedReservations c = closed;
    if (c == null) {
      synchronized (keysLock) {
        c = closed;
        if (c == null) {
          c = new ClosedReservations(maxClosed);
          closed = c;
        }
      }
    }
    return c;
  }

  /** The owner's keys, created on first use. */
  IdempotencyKeys keys() {
    IdempotencyKeys k = keys;
    if (k == null) {
      synchronized (keysLock) {
        k = keys;
        if (k == null) {
          k = new IdempotencyKeys(maxKeys);
          keys = k;
        }
      }
    }
    return k;
  }

  /**
   * Where the mirrors of a budget set's counters are, remembered for the last few sets read
   * ({@link ScanLayout#KEPT}): a report reads the same set again and again, and finding the slots
   * means touching every counter object, which is the cost the mirror exists to avoid.
   */
  ScanLayout layoutOf(dev.governor.spi.BudgetSet budgets) {
    ScanLayout[] known = layouts;
    for (ScanLayout l : known) {
      if (l.budgets() == budgets) {
        return l;
      }
    }
    ScanLayout fresh = ScanLayout.of(budgets);
    ScanLayout[] next = new ScanLayout[Math.min(known.length + 1, ScanLayout.KEPT)];
    next[0] = fresh;
    System.arraycopy(known, 0, next, 1, next.length - 1);
    layouts = next;
    return fresh;
  }

  /** The number of keys held, for tests of the bound. */
  long claimedKeyCount() {
    IdempotencyKeys k = keys;
    return k == null ? 0 : k.size();
  }
}
