package dev.governor.storage.memory;

import java.util.concurrent.locks.StampedLock;

/**
 * A power-of-two array of {@link StampedLock}s guarding usage counters and idempotency keys. Writers
 * take the write locks of every stripe they touch in ascending index order (so two multi-stripe
 * operations can never deadlock); readers validate optimistic stamps instead of locking. Counters of
 * different owners share a stripe only by hash collision. Thread-safe.
 */
final class Stripes {
  private final StampedLock[] locks;
  private final int mask;

  Stripes(int count) {
    if (count < 1 || Integer.bitCount(count) != 1) {
      throw new IllegalArgumentException("stripes must be a power of two, was " + count);
    }
    locks = new StampedLock[count];
    for (int i = 0; i < count; i++) {
      locks[i] = new StampedLock();
    }
    mask = count - 1;
  }

  int count() {
    return locks.length;
  }

  StampedLock lock(int stripe) {
    return locks[stripe];
  }

  /** How long a writer spins on a held stripe before it blocks. */
  private static final int SPINS = 1 << 10;

  /**
   * Write-locks one stripe. Critical sections are tens of nanoseconds, so a writer that finds the
   * stripe held spins (reading, then trying, so waiters do not hammer the lock's cache line) before it
   * blocks: parking and unparking costs microseconds, far more than the wait, and would collapse
   * throughput when threads share a budget. Not interruptible, like {@link StampedLock#writeLock()}.
   */
  void writeLock(int stripe) {
    StampedLock lock = locks[stripe];
    if (lock.tryWriteLock() != 0L) {
      return;
    }
    for (int spin = 0; spin < SPINS; spin++) {
      Thread.onSpinWait();
      if (!lock.isWriteLocked() && !lock.isReadLocked() && lock.tryWriteLock() != 0L) {
        return;
      }
    }
    lock.writeLock();
  }

  /** Releases one stripe's write lock. */
  void unlockWrite(int stripe) {
    locks[stripe].tryUnlockWrite();
  }

  /** The stripe of a value hashed together with its owner, so owners spread independently. */
  int stripeOf(String ownerId, int hash) {
    int h = ownerId.hashCode() * 0x9E3779B9 + hash;
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    return h & mask;
  }

  /**
   * Write-locks stripes {@code sorted[0..n)}, which must be ascending and distinct. If acquiring one
   * fails, the ones already held are released before the failure propagates.
   */
  void lockAll(int[] sorted, int n) {
    int locked = 0;
    try {
      for (; locked < n; locked++) {
        writeLock(sorted[locked]);
      }
    } catch (RuntimeException | Error e) {
      unlockAll(sorted, locked);
      throw e;
    }
  }

  /** Releases the write locks of stripes {@code sorted[0..n)}. */
  void unlockAll(int[] sorted, int n) {
    for (int i = n - 1; i >= 0; i--) {
      locks[sorted[i]].tryUnlockWrite();
    }
  }
}
