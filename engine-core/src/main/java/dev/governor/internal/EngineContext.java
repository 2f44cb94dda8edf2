package dev.governor.internal;

import dev.governor.catalog.Capability;
import dev.governor.catalog.EntityType;
import dev.governor.spi.GlobalSnapshot;
import dev.governor.spi.GovernanceStore;
import java.time.Clock;
import java.time.Instant;

/**
 * The engine's settings and collaborators, shared by every service: the guarded store, the owners'
 * runtimes, and the cached engine-wide catalog. The cache is a hint: capabilities and types are
 * never deleted, so a hit is always right, a miss reloads before anything is refused, and plans that
 * depend on the attribution keys carry the version they used, which the ledger validates.
 * Thread-safe.
 */
final class EngineContext {
  final GuardedStore store;
  final EngineSettings settings;
  final Clock clock;
  final int maxDepth;
  final Owners owners;
  final Alerts alerts;
  private volatile GlobalSnapshot global;

  EngineContext(GovernanceStore store, EngineSettings settings) {
    this.store = new GuardedStore(store.catalog(), store.ledger());
    this.settings = settings;
    this.clock = settings.clock();
    this.maxDepth = settings.maxDepth();
    this.owners = new Owners(this.store);
    this.alerts = new Alerts(settings.listener(), settings.listenerQueueCapacity());
  }

  Instant now() {
    return clock.instant();
  }

  /** The engine-wide catalog as last read from the store. */
  GlobalSnapshot global() {
    GlobalSnapshot g = global;
    return g != null ? g : refreshGlobal();
  }

  /** Reads the engine-wide catalog from the store (never moving the cache backwards). */
  GlobalSnapshot refreshGlobal() {
    GlobalSnapshot fresh = store.global();
    synchronized (this) {
      GlobalSnapshot g = global;
      if (g == null || fresh.version() > g.version()) {
        global = fresh;
        return fresh;
      }
      return g;
    }
  }

  /** The capability with this id, or null after a fresh read found none. */
  Capability capability(String id) {
    Capability c = global().capability(id);
    return c != null ? c : refreshGlobal().capability(id);
  }

  /** The entity type with this id, or null after a fresh read found none. */
  EntityType entityType(String id) {
    EntityType t = global().entityType(id);
    return t != null ? t : refreshGlobal().entityType(id);
  }
}
