package dev.governor.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.governor.runtime.Subject;
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
  /** How many dimension or multi-entity subject plans one owner keeps compiled. */
  static final int SUBJECT_PLANS_PER_OWNER = 10_000;

  final String ownerId;
  final OwnerLedger ledger;
  final ConcurrentHashMap<String, EntityRuntime> entities = new ConcurrentHashMap<>();
  /** The latest query index; replaced (never mutated) when the catalog version moves on. */
  volatile QueryIndex queryIndex;
  /** Plans of dimension and multi-entity subjects, bounded; created on first use. */
  private volatile Cache<SubjectKey, SubjectPlan> subjectPlans;

  /** A subject and capability as a cache key (records compare lists and maps by content). */
  record SubjectKey(Subject subject, String capabilityId) {}

  /** A cached plan with the engine-wide catalog epoch its dimensions were resolved under. */
  record SubjectPlan(Plan plan, long globalEpoch) {}

  OwnerRuntime(String ownerId, OwnerLedger ledger) {
    this.ownerId = ownerId;
    this.ledger = ledger;
  }

  /** The plan cache of dimension and multi-entity subjects. */
  Cache<SubjectKey, SubjectPlan> subjectPlans() {
    Cache<SubjectKey, SubjectPlan> c = subjectPlans;
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

  /** The compiled assignments of an entity, read from {@code view}. */
  CompiledBudget[] compiled(OwnerCatalogView view, String entityId) {
    return entity(entityId).compile(view.assignmentsOf(entityId), this);
  }
}
