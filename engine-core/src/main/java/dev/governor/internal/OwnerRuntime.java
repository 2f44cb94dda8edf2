package dev.governor.internal;

import dev.governor.spi.OwnerCatalogView;
import dev.governor.spi.OwnerLedger;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's compiled view of one owner, read by the hot path: the ledger handle and the compiled
 * state of every entity that was asked about. Plans carry the catalog version they were compiled
 * from and are recompiled lazily when the owner's catalog changes, never per request. Thread-safe:
 * the map is concurrent and every value is thread-safe.
 */
final class OwnerRuntime {
  final String ownerId;
  final OwnerLedger ledger;
  final ConcurrentHashMap<String, EntityRuntime> entities = new ConcurrentHashMap<>();
  /** The latest query index; replaced (never mutated) when the catalog version moves on. */
  volatile QueryIndex queryIndex;

  OwnerRuntime(String ownerId, OwnerLedger ledger) {
    this.ownerId = ownerId;
    this.ledger = ledger;
  }

  EntityRuntime entity(String entityId) {
    EntityRuntime e = entities.get(entityId);
    return e != null ? e : entities.computeIfAbsent(entityId, k -> new EntityRuntime());
  }

  /** The compiled assignments of an entity, read from {@code view}. */
  CompiledBudget[] compiled(OwnerCatalogView view, String entityId) {
    return entity(entityId).compile(view.assignmentsOf(entityId), this);
  }
}
