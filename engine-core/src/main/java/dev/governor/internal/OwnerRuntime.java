package dev.governor.internal;

import dev.governor.spi.OwnerLedger;
import dev.governor.spi.StoredAssignment;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's compiled view of one owner, read by the hot path: the ledger handle, the cached plan
 * of every (entity, capability) pair that was asked about, and the compiled budgets those plans
 * share. Plans carry the catalog version they were compiled from and are recompiled lazily when the
 * owner's catalog changes, never per request. Thread-safe: all maps are concurrent and every value
 * is immutable or itself thread-safe.
 */
final class OwnerRuntime {
  final String ownerId;
  final OwnerLedger ledger;
  final ConcurrentHashMap<String, EntityPlans> plans = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<UUID, CompiledBudget> budgets = new ConcurrentHashMap<>();
  /** The latest query index; replaced (never mutated) when the catalog version moves on. */
  volatile QueryIndex queryIndex;

  OwnerRuntime(String ownerId, OwnerLedger ledger) {
    this.ownerId = ownerId;
    this.ledger = ledger;
  }

  /**
   * The compiled form of an assignment, reused while the stored assignment is unchanged so that its
   * cached period window and counter handle are shared by every plan.
   */
  CompiledBudget budget(StoredAssignment a) {
    CompiledBudget cb = budgets.get(a.id());
    if (cb != null && cb.source.equals(a)) {
      return cb;
    }
    CompiledBudget fresh = new CompiledBudget(a, ledger.counter(a.id()));
    budgets.put(a.id(), fresh);
    return fresh;
  }

  /** Drops compiled state of deleted assignments. */
  void forget(UUID assignmentId) {
    budgets.remove(assignmentId);
  }
}
