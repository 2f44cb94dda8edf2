package dev.governor.storage.memory;

import dev.governor.spi.StoredAssignment;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Everything the memory store keeps for one owner. The catalog maps are guarded by
 * {@link #catalogLock}; counters are created concurrently by readers (so their map is concurrent)
 * and removed only under the write lock; {@link #version} is written under the write lock and read
 * anywhere.
 */
final class OwnerState {
  final String ownerId;
  final ReentrantReadWriteLock catalogLock = new ReentrantReadWriteLock();
  final TreeMap<String, EntityNode> entities = new TreeMap<>();
  final Map<UUID, StoredAssignment> assignments = new HashMap<>();
  final ConcurrentHashMap<UUID, Counter> counters = new ConcurrentHashMap<>();
  final MemoryOwnerLedger ledger;
  volatile long version;
  /** Set under the write lock when an owner that never held data is dropped from the store. */
  boolean retired;

  OwnerState(String ownerId, LedgerSettings settings) {
    this.ownerId = ownerId;
    this.ledger = new MemoryOwnerLedger(this, settings);
  }
}
