package dev.governor.internal;

import dev.governor.NotFoundException;
import dev.governor.StoreUnavailableException;
import dev.governor.ValidationException;
import dev.governor.catalog.Entity;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.BudgetUsage;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.DenialReason;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.IngestResult;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import dev.governor.spi.IngestBatch;
import dev.governor.spi.LedgerStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Check, consume and ingest (docs/semantics.md, Resolution to Idempotency keys). Each operation
 * reads the clock once, resolves the subject to a plan compiled from one catalog version, and hands
 * the whole plan to the ledger in one call; when the ledger answers {@link LedgerStatus#STALE} (the
 * catalog changed in between) it plans again. Any store failure becomes
 * {@link StoreUnavailableException}: the engine fails closed. Thread-safe.
 */
final class RuntimeService {
  static final int MAX_EVENTS = 1000;
  private static final int MAX_ATTEMPTS = 1000;
  private static final Instant MIN_TIMESTAMP = Instant.parse("1900-01-01T00:00:00Z");

  private final EngineContext ctx;
  private final ConcurrentHashMap<String, OwnerRuntime> owners = new ConcurrentHashMap<>();

  RuntimeService(EngineContext ctx) {
    this.ctx = ctx;
  }

  // ---------------------------------------------------------------- owner and plan lookup

  /** The runtime of an owner that holds data, or null for an owner that has none. */
  OwnerRuntime ownerRuntime(String ownerId) {
    return runtime(ownerId);
  }

  private OwnerRuntime runtime(String ownerId) {
    OwnerRuntime rt = owners.get(ownerId);
    if (rt != null) {
      return rt;
    }
    Ids.requireOwner(ownerId);
    boolean exists = EngineContext.guarded("catalog read", () -> ctx.catalog.readOwner(ownerId, v -> v.version() > 0));
    if (!exists) {
      return null;
    }
    return owners.computeIfAbsent(ownerId, id -> new OwnerRuntime(id, EngineContext.guarded("ledger", () -> ctx.ledger.owner(id))));
  }

  private long ledgerVersion(OwnerRuntime rt) {
    try {
      return rt.ledger.catalogVersion();
    } catch (RuntimeException e) {
      throw unavailable("ledger read", e);
    }
  }

  /** The cached plan of one entity and capability, recompiled when the catalog moved on. */
  private Plan entityPlan(String ownerId, OwnerRuntime rt, String entityId, String capabilityId, int index, String field) {
    if (rt != null && entityId != null && capabilityId != null) {
      EntityRuntime cached = rt.entities.get(entityId);
      if (cached != null) {
        Plan p = cached.plan(capabilityId);
        if (p != null && p.version == ledgerVersion(rt)) {
          return p;
        }
      }
    }
    Ids.require(index, field, entityId);
    Ids.require(index, "capabilityId", capabilityId);
    requireCapability(index, capabilityId);
    if (rt == null) {
      throw new NotFoundException(index, field, "entity", entityId);
    }
    Plan plan = EngineContext.guarded("catalog read", () -> ctx.catalog.readOwner(ownerId, view -> {
      Entity e = view.entity(entityId);
      return e == null ? null : PlanCompiler.compileEntity(view, rt, e, capabilityId);
    }));
    if (plan == null) {
      throw new NotFoundException(index, field, "entity", entityId);
    }
    rt.entity(entityId).put(plan);
    return plan;
  }

  private void requireCapability(int index, String capabilityId) {
    if (!ctx.global().capabilities().contains(capabilityId)) {
      throw new NotFoundException(index, "capabilityId", "capability", capabilityId);
    }
  }

  /** The plan of any validated subject: cached for one entity id, compiled per call otherwise. */
  private Plan plan(String ownerId, OwnerRuntime rt, Subject subject, String capabilityId, int index) {
    if (subject.entityIds().size() == 1) {
      return entityPlan(ownerId, rt, subject.entityIds().get(0), capabilityId, index, "subject.entityIds[0]");
    }
    Ids.require(index, "capabilityId", capabilityId);
    requireCapability(index, capabilityId);
    GlobalSnapshot global = ctx.global();
    if (rt == null) {
      if (subject.byEntityIds()) {
        throw new NotFoundException(index, "subject.entityIds[0]", "entity", subject.entityIds().get(0));
      }
      return PlanCompiler.nothingResolved(global, subject, capabilityId);
    }
    OwnerRuntime.SubjectKey key = new OwnerRuntime.SubjectKey(subject, capabilityId);
    OwnerRuntime.SubjectPlan cached = rt.subjectPlans().getIfPresent(key);
    if (cached != null && cached.globalEpoch() == global.epoch() && cached.plan().version == ledgerVersion(rt)) {
      return cached.plan();
    }
    Plan plan = EngineContext.guarded("catalog read", () -> ctx.catalog.readOwner(ownerId,
        view -> PlanCompiler.compile(view, rt, global, subject, capabilityId, index)));
    rt.subjectPlans().put(key, new OwnerRuntime.SubjectPlan(plan, global.epoch()));
    return plan;
  }

  private static StoreUnavailableException unavailable(String what, RuntimeException e) {
    if (e instanceof StoreUnavailableException sue) {
      return sue;
    }
    return new StoreUnavailableException("store failed during " + what + ": " + e, e);
  }

  private static StoreUnavailableException tooManyAttempts() {
    return new StoreUnavailableException("the owner's catalog changed " + MAX_ATTEMPTS
        + " times while the operation was planned; giving up rather than deciding on stale budgets", null);
  }

  // ---------------------------------------------------------------- fast paths

  boolean isAllowed(String ownerId, String entityId, String capabilityId, long amount) {
    if (amount < 0) {
      throw new ValidationException("amount", amount, "must be at least 0");
    }
    if (ownerId == null) {
      Ids.requireOwner(null);
    }
    OwnerRuntime rt = runtime(ownerId);
    long now = NO_TIME_YET;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Plan plan = entityPlan(ownerId, rt, entityId, capabilityId, -1, "entityId");
      if (plan.archived()) {
        return false;
      }
      if (plan.budgets.length == 0) {
        return true;
      }
      LedgerStatus status;
      try {
        // Recorded usage bounds current usage from above: when it already allows, the time cannot
        // change the answer, so the common path skips the clock read.
        status = rt.ledger.checkRecorded(plan, amount);
        if (status == LedgerStatus.DENIED) {
          if (now == NO_TIME_YET) {
            now = ctx.clock.millis();
          }
          status = rt.ledger.check(plan, now, amount);
        }
      } catch (RuntimeException e) {
        throw unavailable("check", e);
      }
      if (status != LedgerStatus.STALE) {
        return status == LedgerStatus.GRANTED;
      }
    }
    throw tooManyAttempts();
  }

  private static final long NO_TIME_YET = Long.MIN_VALUE;

  boolean tryConsume(String ownerId, String entityId, String capabilityId, long amount) {
    if (amount < 1) {
      throw new ValidationException("amount", amount, "must be at least 1");
    }
    if (ownerId == null) {
      Ids.requireOwner(null);
    }
    OwnerRuntime rt = runtime(ownerId);
    long now = ctx.clock.millis();
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Plan plan = entityPlan(ownerId, rt, entityId, capabilityId, -1, "entityId");
      if (plan.archived()) {
        return false;
      }
      if (plan.budgets.length == 0) {
        return true;
      }
      LedgerStatus status;
      try {
        status = rt.ledger.consume(plan, now, amount, null, null);
      } catch (RuntimeException e) {
        throw unavailable("consume", e);
      }
      switch (status) {
        case GRANTED:
          return true;
        case DENIED:
          return false;
        case OVERFLOW:
          throw overflow(-1, amount);
        default:
          break;
      }
    }
    throw tooManyAttempts();
  }

  private static ValidationException overflow(int index, long amount) {
    return new ValidationException(index, "amount", amount, "would push a usage counter past Long.MAX_VALUE; nothing was added");
  }

  // ---------------------------------------------------------------- check

  CheckResult check(String ownerId, CheckRequest request) {
    Ids.requireOwner(ownerId);
    if (request == null) {
      throw ValidationException.of(-1, "request", "must not be null");
    }
    if (request.requestedAmount() < 0) {
      throw new ValidationException("requestedAmount", request.requestedAmount(), "must be at least 0");
    }
    PlanCompiler.validateSubject(-1, request.subject());
    OwnerRuntime rt = runtime(ownerId);
    long now = ctx.clock.millis();
    long amount = request.requestedAmount();
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Plan plan = plan(ownerId, rt, request.subject(), request.capabilityId(), -1);
      long[] usage = new long[plan.budgets.length];
      if (usage.length > 0) {
        LedgerStatus status;
        try {
          status = rt.ledger.read(plan, now, usage);
        } catch (RuntimeException e) {
          throw unavailable("check", e);
        }
        if (status == LedgerStatus.STALE) {
          continue;
        }
      }
      return checkResult(plan, usage, amount, now);
    }
    throw tooManyAttempts();
  }

  private static CheckResult checkResult(Plan plan, long[] usage, long amount, long now) {
    List<BudgetStatus> budgets = new ArrayList<>(usage.length);
    BudgetStatus firstDenied = null;
    for (int i = 0; i < usage.length; i++) {
      BudgetStatus s = status(plan.budgets[i], usage[i], allows(plan.budgets[i].limit, usage[i], amount), now);
      budgets.add(s);
      if (!s.hasAccess() && firstDenied == null) {
        firstDenied = s;
      }
    }
    DenialReason reason = plan.archived() ? DenialReason.ENTITY_ARCHIVED
        : firstDenied != null ? DenialReason.BUDGET_EXCEEDED : null;
    return new CheckResult(reason == null, reason, budgets, firstDenied, plan.unresolved, plan.archivedEntityIds);
  }

  private static boolean allows(long limit, long usage, long amount) {
    return limit == dev.governor.spi.BudgetSet.UNLIMITED || amount <= limit - usage;
  }

  private static BudgetStatus status(CompiledBudget b, long usage, boolean hasAccess, long now) {
    Long limit = b.source.usageLimit();
    Long remaining = limit == null ? null : Math.max(0L, limit - usage);
    return new BudgetStatus(b.source.id(), b.source.entityId(), b.source.capabilityId(), b.source.scopeEntityIds(),
        limit, usage, remaining, hasAccess, b.cadence(), Instant.ofEpochMilli(b.periodStart(now)),
        Instant.ofEpochMilli(b.periodEnd(now)));
  }

  // ---------------------------------------------------------------- consume

  ConsumeResult consume(String ownerId, ConsumeRequest request) {
    Ids.requireOwner(ownerId);
    if (request == null) {
      throw ValidationException.of(-1, "request", "must not be null");
    }
    if (request.amount() < 1) {
      throw new ValidationException("amount", request.amount(), "must be at least 1");
    }
    String key = request.idempotencyKey();
    if (key != null) {
      Texts.idempotencyKey(-1, "idempotencyKey", key);
    }
    PlanCompiler.validateSubject(-1, request.subject());
    OwnerRuntime rt = runtime(ownerId);
    long now = ctx.clock.millis();
    long amount = request.amount();
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Plan plan = plan(ownerId, rt, request.subject(), request.capabilityId(), -1);
      long[] usage = new long[plan.budgets.length];
      LedgerStatus status;
      if (plan.archived()) {
        status = usage.length == 0 ? LedgerStatus.OK : read(rt, plan, now, usage);
        if (status == LedgerStatus.STALE) {
          continue;
        }
        CheckResult denied = checkResult(plan, usage, amount, now);
        return new ConsumeResult(ConsumeResult.Status.DENIED, DenialReason.ENTITY_ARCHIVED, denied.budgets(),
            denied.firstDenied(), plan.unresolved, plan.archivedEntityIds);
      }
      if (usage.length == 0 && (key == null || rt == null)) {
        return new ConsumeResult(ConsumeResult.Status.GRANTED, null, List.of(), null, plan.unresolved, plan.archivedEntityIds);
      }
      try {
        status = rt.ledger.consume(plan, now, amount, key, usage);
      } catch (RuntimeException e) {
        throw unavailable("consume", e);
      }
      switch (status) {
        case STALE:
          continue;
        case OVERFLOW:
          throw overflow(-1, amount);
        case GRANTED: {
          List<BudgetStatus> budgets = new ArrayList<>(usage.length);
          for (int i = 0; i < usage.length; i++) {
            budgets.add(status(plan.budgets[i], usage[i] + amount, true, now));
          }
          return new ConsumeResult(ConsumeResult.Status.GRANTED, null, budgets, null, plan.unresolved, plan.archivedEntityIds);
        }
        case DUPLICATE: {
          CheckResult seen = checkResult(plan, usage, 0, now);
          return new ConsumeResult(ConsumeResult.Status.DUPLICATE, null, seen.budgets(), null, plan.unresolved,
              plan.archivedEntityIds);
        }
        default: {
          CheckResult denied = checkResult(plan, usage, amount, now);
          return new ConsumeResult(ConsumeResult.Status.DENIED, DenialReason.BUDGET_EXCEEDED, denied.budgets(),
              denied.firstDenied(), plan.unresolved, plan.archivedEntityIds);
        }
      }
    }
    throw tooManyAttempts();
  }

  private static LedgerStatus read(OwnerRuntime rt, Plan plan, long now, long[] usage) {
    try {
      return rt.ledger.read(plan, now, usage);
    } catch (RuntimeException e) {
      throw unavailable("check", e);
    }
  }

  // ---------------------------------------------------------------- ingest

  IngestResult ingest(String ownerId, List<UsageEvent> events) {
    Ids.requireOwner(ownerId);
    Batches.require("events", events, MAX_EVENTS);
    long now = ctx.clock.millis();
    int n = events.size();
    long[] times = new long[n];
    long[] amounts = new long[n];
    String[] keys = new String[n];
    for (int i = 0; i < n; i++) {
      UsageEvent e = events.get(i);
      PlanCompiler.validateSubject(i, e.subject());
      Ids.require(i, "capabilityId", e.capabilityId());
      if (e.amount() < 1) {
        throw new ValidationException(i, "amount", e.amount(), "must be at least 1");
      }
      amounts[i] = e.amount();
      if (e.idempotencyKey() != null) {
        keys[i] = Texts.idempotencyKey(i, "idempotencyKey", e.idempotencyKey());
      }
      times[i] = timestamp(i, e.timestamp(), now);
    }
    OwnerRuntime rt = runtime(ownerId);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Plan[] plans = plans(ownerId, rt, events);
      if (rt == null || totalBudgets(plans) == 0 && noKeys(keys)) {
        return ingestResult(plans, null, keys, times);
      }
      IngestBatch batch = new IngestBatch(plans.length == 0 ? 0 : plans[0].version, plans, amounts, keys, times);
      LedgerStatus status;
      try {
        status = rt.ledger.ingest(batch, now);
      } catch (RuntimeException e) {
        throw unavailable("ingest", e);
      }
      if (status == LedgerStatus.STALE) {
        continue;
      }
      if (status == LedgerStatus.OVERFLOW) {
        throw overflow(batch.overflowIndex(), amounts[Math.max(0, batch.overflowIndex())]);
      }
      return ingestResult(plans, batch, keys, times);
    }
    throw tooManyAttempts();
  }

  private long timestamp(int index, Instant ts, long now) {
    if (ts == null) {
      return now;
    }
    if (ts.isBefore(MIN_TIMESTAMP)) {
      throw new ValidationException(index, "timestamp", ts, "must not be before " + MIN_TIMESTAMP);
    }
    long limit = now + ctx.maxFutureSkew.toMillis();
    if (ts.isAfter(Instant.ofEpochMilli(limit))) {
      throw new ValidationException(index, "timestamp", ts, "is more than " + ctx.maxFutureSkew
          + " ahead of the engine clock (" + Instant.ofEpochMilli(now) + ")");
    }
    // Slightly-future events count as now, so they cannot open the next period early.
    return Math.min(ts.toEpochMilli(), now);
  }

  /** Plans every event from one catalog version, so the ledger can validate the batch as a whole. */
  private Plan[] plans(String ownerId, OwnerRuntime rt, List<UsageEvent> events) {
    int n = events.size();
    Plan[] plans = new Plan[n];
    for (int i = 0; i < n; i++) {
      UsageEvent e = events.get(i);
      plans[i] = plan(ownerId, rt, e.subject(), e.capabilityId(), i);
    }
    for (int round = 0; round < MAX_ATTEMPTS; round++) {
      long version = plans[0].version;
      boolean same = true;
      for (Plan p : plans) {
        same &= p.version == version;
      }
      if (same) {
        return plans;
      }
      for (int i = 0; i < n; i++) {
        UsageEvent e = events.get(i);
        plans[i] = plan(ownerId, rt, e.subject(), e.capabilityId(), i);
      }
    }
    throw tooManyAttempts();
  }

  private static int totalBudgets(Plan[] plans) {
    int total = 0;
    for (Plan p : plans) {
      total += p.budgets.length;
    }
    return total;
  }

  private static boolean noKeys(String[] keys) {
    for (String k : keys) {
      if (k != null) {
        return false;
      }
    }
    return true;
  }

  /**
   * The result of each event. Without a ledger call (an owner that holds no data, or nothing to count
   * and no keys), nothing is counted and no key outlives the call, but a key repeated inside the batch
   * is still reported as a duplicate.
   */
  private static IngestResult ingestResult(Plan[] plans, IngestBatch batch, String[] keys, long[] times) {
    List<EventResult> results = new ArrayList<>(plans.length);
    java.util.Set<String> keysOfThisCall = batch == null ? new java.util.HashSet<>() : null;
    for (int e = 0; e < plans.length; e++) {
      Plan plan = plans[e];
      boolean duplicate = batch != null ? batch.outcome(e) == LedgerStatus.DUPLICATE
          : keys[e] != null && !keysOfThisCall.add(keys[e]);
      if (duplicate) {
        results.add(new EventResult(e, EventResult.Outcome.DUPLICATE, List.of(), plan.unresolved, plan.archivedEntityIds));
        continue;
      }
      List<BudgetUsage> usages = new ArrayList<>(plan.budgets.length);
      boolean anyAdded = plan.budgets.length == 0;
      for (int i = 0; i < plan.budgets.length; i++) {
        CompiledBudget b = plan.budgets[i];
        long after = batch == null ? 0L : batch.usageAfter(e, i);
        boolean late = batch != null && batch.isLate(e, i);
        anyAdded |= !late;
        usages.add(new BudgetUsage(b.source.id(), b.source.entityId(), b.source.scopeEntityIds(), late, after, Instant.ofEpochMilli(b.periodStart(times[e])), Instant.ofEpochMilli(b.periodEnd(times[e]))));
      }
      results.add(new EventResult(e, anyAdded ? EventResult.Outcome.RECORDED : EventResult.Outcome.LATE, usages,
          plan.unresolved, plan.archivedEntityIds));
    }
    return new IngestResult(results);
  }
}
