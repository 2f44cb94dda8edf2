package dev.governor.internal;

import dev.governor.AssignmentCatalog;
import dev.governor.CapabilityCatalog;
import dev.governor.EntityCatalog;
import dev.governor.EntityTypeCatalog;
import dev.governor.GovernanceEngine;
import dev.governor.Page;
import dev.governor.PageRequest;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.runtime.BudgetReading;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.IngestResult;
import dev.governor.runtime.ReleaseResult;
import dev.governor.runtime.Reservation;
import dev.governor.runtime.ReserveRequest;
import dev.governor.runtime.ReserveResult;
import dev.governor.runtime.SettleResult;
import dev.governor.runtime.UsageEvent;
import dev.governor.spi.GovernanceStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The engine behind {@link GovernanceEngine}: wires the services over one guarded store. Public only
 * so the builder in the API package can create it; the package is not exported. Thread-safe.
 */
public final class Engine implements GovernanceEngine {
  private final EngineContext ctx;
  private final EntityTypeService entityTypes;
  private final CapabilityService capabilities;
  private final Gates gates;
  private final Decisions decisions;
  private final Reservations reservations;
  private final IngestService ingest;
  private final QueryService query;

  public Engine(GovernanceStore store, EngineSettings settings) {
    this.ctx = new EngineContext(store, settings);
    Planner planner = new Planner(ctx);
    this.entityTypes = new EntityTypeService(ctx);
    this.capabilities = new CapabilityService(ctx);
    this.gates = new Gates(ctx, planner);
    this.decisions = new Decisions(ctx, planner);
    this.reservations = new Reservations(ctx, planner);
    this.ingest = new IngestService(ctx, planner);
    this.query = new QueryService(ctx);
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
    return decisions.check(ownerId, request);
  }

  @Override
  public ConsumeResult consume(String ownerId, ConsumeRequest request) {
    return decisions.consume(ownerId, request);
  }

  @Override
  public IngestResult ingest(String ownerId, List<UsageEvent> events) {
    return ingest.ingest(ownerId, events);
  }

  @Override
  public boolean isAllowed(String ownerId, String entityId, String capabilityId, long amount) {
    return gates.isAllowed(ownerId, entityId, capabilityId, amount);
  }

  @Override
  public boolean tryConsume(String ownerId, String entityId, String capabilityId, long amount) {
    return gates.tryConsume(ownerId, entityId, capabilityId, amount);
  }

  @Override
  public ReserveResult reserve(String ownerId, ReserveRequest request) {
    return reservations.reserve(ownerId, request);
  }

  @Override
  public SettleResult settle(String ownerId, String reservationId, long actual) {
    return reservations.settle(ownerId, reservationId, actual);
  }

  @Override
  public ReleaseResult release(String ownerId, String reservationId) {
    return reservations.release(ownerId, reservationId);
  }

  @Override
  public Optional<Reservation> reservation(String ownerId, String reservationId) {
    return reservations.reservation(ownerId, reservationId);
  }

  @Override
  public Page<TreeRow> query(String ownerId, TreeQuery query) {
    return this.query.query(ownerId, query);
  }

  @Override
  public dev.governor.ListenerStats listenerStats() {
    return ctx.alerts.stats();
  }

  @Override
  public Page<String> owners(PageRequest page) {
    int limit = Cursors.limit(page);
    List<String> context = List.of("owners");
    Cursors.Position at = Cursors.position(page, context);
    String id = at == null ? null : at.parts().get(0);
    List<String> rows = at != null && at.backward() ? ctx.store.ownersBefore(id, limit + 1) : ctx.store.owners(id, limit + 1);
    return Paging.page(rows, limit, at, owner -> Cursors.encode(context, List.of(owner)));
  }

  @Override
  public Optional<BudgetReading> usage(String ownerId, UUID assignmentId) {
    return decisions.usage(ownerId, assignmentId);
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
