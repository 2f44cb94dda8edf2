package dev.governor.internal;

import dev.governor.ValidationException;
import dev.governor.spi.LedgerReply;
import dev.governor.spi.ThresholdClaims;

/**
 * The allocation-free gates for one entity id: {@code isAllowed} (a check answering yes or no) and
 * {@code tryConsume} (a consume without key). The first attempt runs inline (a cached plan, one
 * ledger call, no allocation); only a STALE reply hands the decision to {@link Attempts}.
 * Thread-safe.
 */
final class Gates {
  private final EngineContext ctx;
  private final Planner planner;

  Gates(EngineContext ctx, Planner planner) {
    this.ctx = ctx;
    this.planner = planner;
  }

  private OwnerRuntime runtime(String ownerId) {
    OwnerRuntime rt = ownerId == null ? null : ctx.owners.cached(ownerId);
    if (rt == null) {
      Ids.requireOwner(ownerId);
      rt = ctx.owners.runtime(ownerId);
    }
    return rt;
  }

  boolean isAllowed(String ownerId, String entityId, String capabilityId, long amount) {
    if (amount < 0) {
      throw new ValidationException("amount", amount, "must be at least 0");
    }
    OwnerRuntime rt = runtime(ownerId);
    Plan plan = planner.entityPlan(rt, entityId, capabilityId, -1, "entityId");
    long reply = rt.ledger.check(plan, ctx.clock, amount);
    if (LedgerReply.isStale(reply)) {
      return Attempts.retry(ctx, rt, plan, reply, () -> planner.entityPlan(rt, entityId, capabilityId, -1, "entityId"),
          new Check(rt, ctx, amount));
    }
    return !plan.archived && reply == LedgerReply.GRANTED;
  }

  boolean tryConsume(String ownerId, String entityId, String capabilityId, long amount) {
    if (amount < 1) {
      throw new ValidationException("amount", amount, "must be at least 1");
    }
    OwnerRuntime rt = runtime(ownerId);
    Plan plan = planner.entityPlan(rt, entityId, capabilityId, -1, "entityId");
    long now = ctx.clock.millis();
    long reply = plan.archived ? rt.ledger.check(plan, ctx.clock, amount) : consume(ctx, rt, ownerId, plan, now, amount);
    if (LedgerReply.isStale(reply)) {
      return Attempts.retry(ctx, rt, plan, reply, () -> planner.entityPlan(rt, entityId, capabilityId, -1, "entityId"),
          new Consume(rt, ctx, ownerId, now, amount));
    }
    return Consume.granted(plan, reply, amount);
  }

  /** Per-thread claims for a gate's consume, so a gate with thresholds allocates nothing either. */
  private static final ThreadLocal<ThresholdClaims> CLAIMS = ThreadLocal.withInitial(ThresholdClaims::new);

  /**
   * The gate's consume: with alert thresholds, the thresholds the add reached come back (into a
   * per-thread claims object) so they are announced. No usage is asked for: a store reports it with
   * each claim, and the usual add, which reaches nothing, reports nothing.
   */
  static long consume(EngineContext ctx, OwnerRuntime rt, String ownerId, Plan plan, long now, long amount) {
    // Small on purpose, so the JIT inlines it into the gate; the claims read-back has its own method.
    return plan.hasAlerts() ? consumeWithAlerts(ctx, rt, ownerId, plan, now, amount)
        : rt.ledger.consume(plan, now, amount, null, null, null, null);
  }

  private static long consumeWithAlerts(EngineContext ctx, OwnerRuntime rt, String ownerId, Plan plan, long now,
      long amount) {
    ThresholdClaims claims = CLAIMS.get();
    claims.clear();
    long reply = rt.ledger.consume(plan, now, amount, null, null, null, claims);
    if (reply == LedgerReply.GRANTED && !claims.isEmpty()) {
      ctx.alerts.announce(ownerId, plan, claims, now);
    }
    return reply;
  }

  /** A check that answers only granted or not (an archived entity is never granted). */
  private static final class Check extends Attempts.Attempt<Boolean> {
    private final OwnerRuntime rt;
    private final EngineContext ctx;
    private final long amount;

    Check(OwnerRuntime rt, EngineContext ctx, long amount) {
      this.rt = rt;
      this.ctx = ctx;
      this.amount = amount;
    }

    @Override
    long call(Plan plan) {
      return rt.ledger.check(plan, ctx.clock, amount);
    }

    @Override
    Boolean result(Plan plan, long reply) {
      return !plan.archived && reply == LedgerReply.GRANTED;
    }
  }

  /** A consume without key; an archived entity's plan is only validated (checked), never added to. */
  private static final class Consume extends Attempts.Attempt<Boolean> {
    private final OwnerRuntime rt;
    private final EngineContext ctx;
    private final String ownerId;
    private final long now;
    private final long amount;

    Consume(OwnerRuntime rt, EngineContext ctx, String ownerId, long now, long amount) {
      this.rt = rt;
      this.ctx = ctx;
      this.ownerId = ownerId;
      this.now = now;
      this.amount = amount;
    }

    @Override
    long call(Plan plan) {
      return plan.archived ? rt.ledger.check(plan, ctx.clock, amount) : Gates.consume(ctx, rt, ownerId, plan, now, amount);
    }

    @Override
    Boolean result(Plan plan, long reply) {
      return granted(plan, reply, amount);
    }

    static boolean granted(Plan plan, long reply, long amount) {
      if (plan.archived) {
        return false;
      }
      if (reply == LedgerReply.OVERFLOW) {
        throw Decisions.overflow(-1, amount);
      }
      return reply == LedgerReply.GRANTED;
    }
  }
}
