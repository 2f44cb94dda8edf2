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

  OwnerState(String ownerId, long maxKeys) {
    this.ownerId = ownerId;
    this.maxKeys = maxKeys;
    this.snapshot = MemoryOwnerSnapshot.empty(ownerId);
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

  /** The number of keys held, for tests of the bound. */
  long claimedKeyCount() {
    IdempotencyKeys k = keys;
    return k == null ? 0 : k.size();
  }
}
