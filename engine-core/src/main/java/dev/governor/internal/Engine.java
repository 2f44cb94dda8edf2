package dev.governor.internal;

import dev.governor.AssignmentCatalog;
import dev.governor.CapabilityCatalog;
import dev.governor.EntityCatalog;
import dev.governor.EntityTypeCatalog;
import dev.governor.GovernanceEngine;
import dev.governor.spi.GovernanceStore;
import dev.governor.spi.StoreContext;
import java.time.Clock;
import java.time.Duration;

/**
 * The engine behind {@link GovernanceEngine}. Public only so the builder in the API package can
 * create it; the package is not exported. Thread-safe.
 */
public final class Engine implements GovernanceEngine {
  private final EngineContext ctx;
  private final EntityTypeService entityTypes;
  private final CapabilityService capabilities;

  public Engine(GovernanceStore store, Clock clock, int maxDepth, Duration idempotencyRetention, Duration maxFutureSkew) {
    store.open(new StoreContext(clock, idempotencyRetention));
    this.ctx = new EngineContext(store, clock, maxDepth, idempotencyRetention, maxFutureSkew);
    this.entityTypes = new EntityTypeService(ctx);
    this.capabilities = new CapabilityService(ctx);
  }

  @Override
  public EntityTypeCatalog entityTypes() {
    return entityTypes;
  }

  @Override
  public CapabilityCatalog capabilities() {
    return capabilities;
  }

  @Override
  public EntityCatalog entities(String ownerId) {
    return new EntityService(ctx, ownerId);
  }

  @Override
  public AssignmentCatalog assignments(String ownerId) {
    return new AssignmentService(ctx, ownerId);
  }

  @Override
  public Clock clock() {
    return ctx.clock;
  }

  @Override
  public int maxDepth() {
    return ctx.maxDepth;
  }
}
