package dev.governor.internal;

import dev.governor.spi.CatalogStore;
import dev.governor.spi.GovernanceStore;
import dev.governor.spi.UsageLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** The engine's immutable settings and collaborators, shared by every service. Thread-safe. */
final class EngineContext {
  final GovernanceStore store;
  final CatalogStore catalog;
  final UsageLedger ledger;
  final Clock clock;
  final int maxDepth;
  final Duration idempotencyRetention;
  final Duration maxFutureSkew;

  EngineContext(GovernanceStore store, Clock clock, int maxDepth, Duration idempotencyRetention, Duration maxFutureSkew) {
    this.store = store;
    this.catalog = store.catalog();
    this.ledger = store.ledger();
    this.clock = clock;
    this.maxDepth = maxDepth;
    this.idempotencyRetention = idempotencyRetention;
    this.maxFutureSkew = maxFutureSkew;
  }

  Instant now() {
    return clock.instant();
  }

  /** The entity type with this id, or null (reads the global catalog). */
  dev.governor.catalog.EntityType entityType(String id) {
    return catalog.readGlobal(v -> v.entityType(id));
  }

  /** The capability with this id, or null (reads the global catalog). */
  dev.governor.catalog.Capability capability(String id) {
    return catalog.readGlobal(v -> v.capability(id));
  }

  /**
   * Runs a store call, turning any failure that is not one of the engine's own typed errors into
   * {@link dev.governor.StoreUnavailableException}: the engine fails closed.
   */
  static <T> T guarded(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (dev.governor.GovernanceException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new dev.governor.StoreUnavailableException("store failed during " + what + ": " + e, e);
    }
  }
}
