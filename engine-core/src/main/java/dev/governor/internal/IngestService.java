package dev.governor.internal;

import dev.governor.ValidationException;
import dev.governor.runtime.BudgetUsage;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.IngestResult;
import dev.governor.runtime.UnresolvedDimensionPolicy;
import dev.governor.runtime.UsageEvent;
import dev.governor.spi.BudgetSet;
import dev.governor.spi.IngestBatch;
import dev.governor.spi.LedgerReply;
import dev.governor.spi.LedgerStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ingest: validates the whole batch first, plans every event from one catalog version, and records
 * the batch in one ledger call per attempt through {@link Attempts}. Thread-safe.
 */
final class IngestService {
  static final int MAX_EVENTS = 1000;
  private static final Instant MIN_TIMESTAMP = Instant.parse("1900-01-01T00:00:00Z");

  private final EngineContext ctx;
  private final Planner planner;
  private final boolean denyUnresolved;

  IngestService(EngineContext ctx, Planner planner) {
    this.ctx = ctx;
    this.planner = planner;
    this.denyUnresolved = ctx.settings.unresolvedDimensions() == UnresolvedDimensionPolicy.DENY;
  }

  IngestResult ingest(String ownerId, List<UsageEvent> events) {
    Ids.requireOwner(ownerId);
    Batches.require("events", events, MAX_EVENTS);
    long now = ctx.clock.millis();
    int n = events.size();
    long[] times = new long[n];
    long[] amounts = new long[n];
    String[] keys = new String[n];
    long[] fingerprints = new long[n];
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
        fingerprints[i] = Fingerprints.of(e.subject(), e.capabilityId(), e.amount());
      }
      times[i] = timestamp(i, e.timestamp(), now);
    }
    OwnerRuntime rt = ctx.owners.runtime(ownerId);
    if (rt == null) {
      Plan[] plans = new Plan[n];
      for (int i = 0; i < n; i++) {
        plans[i] = planner.plan(null, events.get(i).subject(), events.get(i).capabilityId(), i);
      }
      return result(plans, null, keys, fingerprints, times);
    }
    long expiresAt = now + ctx.settings.idempotencyRetention().toMillis();
    return Attempts.run(ctx, rt, () -> new BatchPlan(plans(rt, events)), new Attempts.Attempt<IngestResult>() {
      private IngestBatch batch;

      @Override
      long call(Plan plan) {
        Plan[] plans = ((BatchPlan) plan).plans;
        BudgetSet[] sets = new BudgetSet[n];
        String[] batchKeys = keys.clone();
        for (int i = 0; i < n; i++) {
          boolean skipped = skipped(plans[i]);
          sets[i] = skipped ? BatchPlan.empty(plan) : plans[i];
          if (skipped) {
            batchKeys[i] = null;
          }
        }
        batch = new IngestBatch(plan.version, plan.globalVersion, sets, amounts, batchKeys, fingerprints, times, expiresAt);
        return rt.ledger.ingest(batch, now);
      }

      @Override
      IngestResult result(Plan plan, long reply) {
        if (reply == LedgerReply.OVERFLOW) {
          throw Decisions.overflow(batch.failedIndex(), amounts[Math.max(0, batch.failedIndex())]);
        }
        if (reply == LedgerReply.KEY_CONFLICT) {
          throw Decisions.keyReused(batch.failedIndex(), keys[Math.max(0, batch.failedIndex())]);
        }
        for (int e = 0; e < batch.size(); e++) {
          if (batch.budgets(e) instanceof Plan p && p.hasAlerts()) {
            for (int i = 0; i < p.size(); i++) {
              ctx.alerts.reached(ownerId, p, i, batch.reached(e, i), batch.usageAfter(e, i), now);
            }
          }
        }
        return IngestService.this.result(((BatchPlan) plan).plans, batch, keys, fingerprints, times);
      }
    });
  }

  /** An event that records nothing: its dimensions did not resolve and the policy is DENY. */
  private boolean skipped(Plan plan) {
    return denyUnresolved && !plan.unresolved.isEmpty();
  }

  private long timestamp(int index, Instant ts, long now) {
    if (ts == null) {
      return now;
    }
    if (ts.isBefore(MIN_TIMESTAMP)) {
      throw new ValidationException(index, "timestamp", ts, "must not be before " + MIN_TIMESTAMP);
    }
    long limit = now + ctx.settings.maxFutureSkew().toMillis();
    if (ts.isAfter(Instant.ofEpochMilli(limit))) {
      throw new ValidationException(index, "timestamp", ts, "is more than " + ctx.settings.maxFutureSkew()
          + " ahead of the engine clock (" + Instant.ofEpochMilli(now) + ")");
    }
    // Slightly-future events count as now, so they cannot open the next period early.
    return Math.min(ts.toEpochMilli(), now);
  }

  /** Plans every event from one catalog version, so the ledger can validate the batch as a whole. */
  private Plan[] plans(OwnerRuntime rt, List<UsageEvent> events) {
    int n = events.size();
    Plan[] plans = new Plan[n];
    for (int round = 0; round < Attempts.MAX_ATTEMPTS; round++) {
      for (int i = 0; i < n; i++) {
        UsageEvent e = events.get(i);
        plans[i] = planner.plan(rt, e.subject(), e.capabilityId(), i);
      }
      if (BatchPlan.consistent(plans)) {
        return plans;
      }
    }
    throw new dev.governor.StoreUnavailableException("owner " + rt.ownerId + "'s catalog kept changing while an ingest batch"
        + " was planned; giving up rather than recording on stale budgets", null);
  }

  /**
   * The result of each event. Without a ledger call (an owner that holds no data), nothing is
   * counted and no key outlives the call, but a key repeated inside the batch is still reported as
   * a duplicate (or, for another request, refused), as the ledger would.
   */
  private IngestResult result(Plan[] plans, IngestBatch batch, String[] keys, long[] fingerprints, long[] times) {
    List<EventResult> results = new ArrayList<>(plans.length);
    Map<String, Long> keysOfThisCall = batch == null ? new HashMap<>() : null;
    for (int e = 0; e < plans.length; e++) {
      Plan plan = plans[e];
      if (skipped(plan)) {
        results.add(new EventResult(e, EventResult.Outcome.UNRESOLVED, List.of(), plan.unresolved, plan.archivedEntityIds));
        continue;
      }
      boolean duplicate = batch != null ? batch.outcome(e) == LedgerStatus.DUPLICATE
          : keys[e] != null && keysOfThisCall.containsKey(keys[e]);
      if (duplicate && batch == null && keysOfThisCall.get(keys[e]) != fingerprints[e]) {
        throw Decisions.keyReused(e, keys[e]);
      }
      if (batch == null && keys[e] != null) {
        keysOfThisCall.putIfAbsent(keys[e], fingerprints[e]);
      }
      if (duplicate) {
        results.add(new EventResult(e, EventResult.Outcome.DUPLICATE, List.of(), plan.unresolved, plan.archivedEntityIds));
        continue;
      }
      List<BudgetUsage> usages = new ArrayList<>(plan.budgets.length);
      boolean anyAdded = plan.budgets.length == 0;
      for (int i = 0; i < plan.budgets.length; i++) {
        CompiledAssignment b = plan.budgets[i];
        long after = batch == null ? 0L : batch.usageAfter(e, i);
        boolean late = batch != null && batch.isLate(e, i);
        anyAdded |= !late;
        usages.add(new BudgetUsage(b.source.id(), b.source.entityId(), b.source.scopeEntityIds(), late, after,
            Instant.ofEpochMilli(b.periodStart(times[e])), Instant.ofEpochMilli(b.periodEnd(times[e]))));
      }
      results.add(new EventResult(e, anyAdded ? EventResult.Outcome.RECORDED : EventResult.Outcome.LATE, usages,
          plan.unresolved, plan.archivedEntityIds));
    }
    return new IngestResult(results);
  }
}
