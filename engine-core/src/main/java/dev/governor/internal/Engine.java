package dev.governor.internal;

import dev.governor.AssignmentCatalog;
import dev.governor.CapabilityCatalog;
import dev.governor.EntityCatalog;
import dev.governor.EntityTypeCatalog;
import dev.governor.GovernanceEngine;
import dev.governor.Page;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.spi.GovernanceStore;
import dev.governor.spi.StoreContext;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.IngestResult;
import dev.governor.runtime.UsageEvent;
import java.time.Clock;
import java.util.List;
import java.time.Duration;

/**
 * The engine behind {@link GovernanceEngine}. Public only so the builder in the API package can
 * create it; the package is not exported. Thread-safe.
 */
public final class Engine implements GovernanceEngine {
  private final EngineContext ctx;
  private final EntityTypeService entityTypes;
  private final CapabilityService capabilities;
  private final RuntimeService runtime;
  private final QueryService query;

  public Engine(GovernanceStore store, Clock clock, int maxDepth, Duration idempotencyRetention, Duration maxFutureSkew) {
    store.open(new StoreContext(clock, idempotencyRetention));
    this.ctx = new EngineContext(store, clock, maxDepth, idempotencyRetention, maxFutureSkew);
    this.entityTypes = new EntityTypeService(ctx);
    this.capabilities = new CapabilityService(ctx);
    this.runtime = new RuntimeService(ctx);
    this.query = new QueryService(ctx, runtime);
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
  public CheckResult check(String ownerId, CheckRequest request) {
    return runtime.check(ownerId, request);
  }

  @Override
  public ConsumeResult consume(String ownerId, ConsumeRequest request) {
    return runtime.consume(ownerId, request);
  }

  @Override
  public IngestResult ingest(String ownerId, List<UsageEvent> events) {
    return runtime.ingest(ownerId, events);
  }

  @Override
  public boolean isAllowed(String ownerId, String entityId, String capabilityId, long amount) {
    return runtime.isAllowed(ownerId, entityId, capabilityId, amount);
  }

  @Override
  public boolean tryConsume(String ownerId, String entityId, String capabilityId, long amount) {
    return runtime.tryConsume(ownerId, entityId, capabilityId, amount);
  }

  @Override
  public Page<TreeRow> query(String ownerId, TreeQuery query) {
    return this.query.query(ownerId, query);
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
