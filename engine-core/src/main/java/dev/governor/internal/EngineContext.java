package dev.governor.internal;

import dev.governor.spi.CatalogStore;
import dev.governor.spi.GovernanceStore;
import dev.governor.spi.UsageLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
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
  private final AtomicLong globalEpoch = new AtomicLong();
  private volatile GlobalSnapshot global;

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

  /**
   * The runtime's view of the engine-wide catalog. This engine is the store's only writer, so its
   * own writes ({@link #globalChanged()}) are the only reason to reload.
   */
  GlobalSnapshot global() {
    long epoch = globalEpoch.get();
    GlobalSnapshot g = global;
    if (g != null && g.epoch() == epoch) {
      return g;
    }
    g = guarded("catalog read", () -> catalog.readGlobal(v -> {
      Map<String, String> keys = new HashMap<>();
      Set<String> caps = new HashSet<>();
      String after = null;
      for (List<dev.governor.catalog.EntityType> page; !(page = v.entityTypes(after, 500)).isEmpty(); ) {
        for (dev.governor.catalog.EntityType t : page) {
          for (String k : t.attributionKeys()) {
            keys.put(k, t.id());
          }
          after = t.id();
        }
      }
      after = null;
      for (List<dev.governor.catalog.Capability> page; !(page = v.capabilities(after, 500)).isEmpty(); ) {
        for (dev.governor.catalog.Capability c : page) {
          caps.add(c.id());
          after = c.id();
        }
      }
      return new GlobalSnapshot(epoch, Map.copyOf(keys), Set.copyOf(caps));
    }));
    global = g;
    return g;
  }

  /** Called after every committed change of types or capabilities. */
  void globalChanged() {
    globalEpoch.incrementAndGet();
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
