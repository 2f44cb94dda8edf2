package dev.governor.storage.memory;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Everything the memory store keeps for one owner. The catalog maps are guarded by
 * {@link #catalogLock}; the counters inside {@link AssignmentNode}s by the ledger's stripes;
 * {@link #version} is written under the write lock and read anywhere.
 */
final class OwnerState {
  final String ownerId;
  final ReentrantReadWriteLock catalogLock = new ReentrantReadWriteLock();
  final TreeMap<String, EntityNode> entities = new TreeMap<>();
  final Map<UUID, AssignmentNode> assignments = new HashMap<>();
  final MemoryOwnerLedger ledger;
  volatile long version;
  /** Set under the write lock when an owner that never held data is dropped from the store. */
  boolean retired;

  OwnerState(String ownerId, LedgerSettings settings) {
    this.ownerId = ownerId;
    this.ledger = new MemoryOwnerLedger(this, settings);
  }

  /** The root of {@code entityId}'s hierarchy (the entity itself for a root). */
  EntityNode rootOf(EntityNode node) {
    int guard = 0;
    while (node.entity.parentId() != null && guard++ < 100_000) {
      EntityNode parent = entities.get(node.entity.parentId());
      if (parent == null) {
        break;
      }
      node = parent;
    }
    return node;
  }
}
