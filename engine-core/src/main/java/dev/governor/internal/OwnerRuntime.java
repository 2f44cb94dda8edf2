package dev.governor.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.governor.runtime.Subject;
import dev.governor.spi.OwnerLedger;
import dev.governor.spi.OwnerSnapshot;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's cached view of one owner, read by the hot path: the ledger handle, the latest
 * catalog snapshot this engine has seen, and what it compiled from snapshots (each entity's
 * budgets and plans, the plans of dimension subjects, the query index). Every compiled thing
 * carries the version it was compiled from; the ledger refuses a stale one and the engine then
 * refreshes the snapshot and recompiles lazily, never per request. Thread-safe: the maps are
 * concurrent, the snapshot reference is volatile, and every value is immutable or thread-safe.
 */
final class OwnerRuntime {
  /** How many dimension or multi-entity subject plans one owner keeps compiled. */
  static final int SUBJECT_PLANS_PER_OWNER = 10_000;

  final String ownerId;
  final OwnerLedger ledger;
  private final GuardedStore store;
  private volatile OwnerSnapshot snapshot;
  final ConcurrentHashMap<String, EntityRuntime> entities = new ConcurrentHashMap<>();
  /**
   * The plans settles record on, by the held assignment ids of a reservation (see
   * {@code Reservations}); each carries its version, a stale one is rebuilt. Cleared when it passes
   * {@link #HELD_PLANS}.
   */
  final ConcurrentHashMap<java.util.List<java.util.UUID>, Plan> heldPlans = new ConcurrentHashMap<>();
  static final int HELD_PLANS = 1_000;
  /**
   * The held plan settled on last, with the very list it was looked up by: a store that hands back
   * the list the reserve gave it (the memory store does) is answered without hashing the ids.
   */
  volatile HeldPlan lastHeldPlan;

  /** A plan for the held assignment ids {@code ids}. */
  record HeldPlan(java.util.List<java.util.UUID> ids, Plan plan) {}
  /** The latest query index; replaced (never mutated) when the catalog version moves on. */
  volatile QueryIndex queryIndex;
  /** Plans of dimension and multi-entity subjects, bounded; created on first use. */
  private volatile Cache<SubjectKey, Plan> subjectPlans;

  /** A subject and capability as a cache key (records compare lists and maps by content). */
  record SubjectKey(Subject subject, String capabilityId) {}

  OwnerRuntime(String ownerId, OwnerLedger ledger, OwnerSnapshot snapshot, GuardedStore store) {
    this.ownerId = ownerId;
    this.ledger = ledger;
    this.snapshot = snapshot;
    this.store = store;
  }

  /** The latest snapshot this engine has seen (no store call). */
  OwnerSnapshot snapshot() {
    return snapshot;
  }

  /** The version of {@link #snapshot()}. */
  long version() {
    return snapshot.version();
  }

  /** Reads the owner's current snapshot from the store and keeps it (never moving backwards). */
  OwnerSnapshot refresh() {
    OwnerSnapshot fresh = store.owner(ownerId, snapshot);
    synchronized (this) {
      if (fresh.version() > snapshot.version()) {
        snapshot = fresh;
        return fresh;
      }
      return snapshot;
    }
  }

  /** The plan cache of dimension and multi-entity subjects. */
  Cache<SubjectKey, Plan> subjectPlans() {
    Cache<SubjectKey, Plan> c = subjectPlans;
    if (c == null) {
      synchronized (this) {
        c = subjectPlans;
        if (c == null) {
          c = Caffeine.newBuilder().maximumSize(SUBJECT_PLANS_PER_OWNER).executor(Runnable::run).build();
          subjectPlans = c;
        }
      }
    }
    return c;
  }

  EntityRuntime entity(String entityId) {
    EntityRuntime e = entities.get(entityId);
    return e != null ? e : entities.computeIfAbsent(entityId, k -> new EntityRuntime());
  }

  /** The compiled assignments of an entity, read from {@code snapshot}. */
  CompiledAssignment[] compiled(OwnerSnapshot from, String entityId) {
    return entity(entityId).compile(from, entityId);
  }
}
