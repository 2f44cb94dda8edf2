package dev.governor.internal;

import dev.governor.ConflictException;
import dev.governor.ValidationException;
import dev.governor.runtime.BudgetReading;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.DenialReason;
import dev.governor.runtime.UnresolvedDimensionPolicy;
import dev.governor.spi.BudgetSet;
import dev.governor.spi.IdempotencyClaim;
import dev.governor.spi.LedgerReply;
import dev.governor.spi.OwnerSnapshot;
import dev.governor.spi.StoredAssignment;
import dev.governor.spi.ThresholdClaims;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Check, consume and the usage read: each validates the request, reads the clock once, and makes
 * one ledger call per attempt through {@link Attempts}. An owner that holds no data is decided from
 * the fresh read that found it empty, without a ledger call. Thread-safe.
 */
final class Decisions {
  private final EngineContext ctx;
  private final Planner planner;
  private final UnresolvedDimensionPolicy policy;

  Decisions(EngineContext ctx, Planner planner) {
    this.ctx = ctx;
    this.planner = planner;
    this.policy = ctx.settings.unresolvedDimensions();
  }

  static ValidationException overflow(int index, long amount) {
    return new ValidationException(index, "amount", amount, "would push a usage counter past Long.MAX_VALUE; nothing was added");
  }

  static ConflictException keyReused(int index, String key) {
    return new ConflictException(index, "idempotencyKey", key, ConflictException.Reason.IDEMPOTENCY_KEY_REUSED,
        "was already used for a different request (another subject, capability or amount) within its retention");
  }

  CheckResult check(String ownerId, CheckRequest request) {
    Ids.requireOwner(ownerId);
    if (request == null) {
      throw ValidationException.of(-1, "request", "must not be null");
    }
    if (request.requestedAmount() < 0) {
      throw new ValidationException("requestedAmount", request.requestedAmount(), "must be at least 0");
    }
    PlanCompiler.validateSubject(-1, request.subject());
    OwnerRuntime rt = ctx.owners.runtime(ownerId);
    long now = ctx.clock.millis();
    long amount = request.requestedAmount();
    if (rt == null) {
      Plan plan = planner.plan(null, request.subject(), request.capabilityId(), -1);
      return Results.check(plan, new long[0], null, amount, now, policy);
    }
    return Attempts.run(ctx, rt, () -> planner.plan(rt, request.subject(), request.capabilityId(), -1),
        Attempts.read(rt, now, (plan, usage, held) -> Results.check(plan, usage, held, amount, now, policy)));
  }

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
    Ids.require(-1, "capabilityId", request.capabilityId());
    OwnerRuntime rt = ctx.owners.runtime(ownerId);
    long now = ctx.clock.millis();
    long amount = request.amount();
    if (rt == null) {
      // Nothing resolves and nothing is counted, so no key outlives the call.
      Plan plan = planner.plan(null, request.subject(), request.capabilityId(), -1);
      DenialReason denied = Results.denial(plan, policy);
      return new ConsumeResult(denied == null ? ConsumeResult.Status.GRANTED : ConsumeResult.Status.DENIED, denied, List.of(),
          null, plan.unresolved, plan.archivedEntityIds);
    }
    IdempotencyClaim claim = key == null ? null
        : new IdempotencyClaim(key, Fingerprints.of(request.subject(), request.capabilityId(), amount),
            now + ctx.settings.idempotencyRetention().toMillis());
    return Attempts.run(ctx, rt, () -> planner.plan(rt, request.subject(), request.capabilityId(), -1),
        new Attempts.Attempt<ConsumeResult>() {
          private long[] usage;
          private long[] held;
          private ThresholdClaims claims;

          @Override
          long call(Plan plan) {
            usage = new long[plan.size()];
            held = new long[plan.size()];
            claims = plan.hasAlerts() ? new ThresholdClaims() : null;
            // A plan denied up front (archived, unresolved under DENY) is only read: it adds nothing
            // and claims no key.
            return Results.denial(plan, policy) != null ? rt.ledger.read(plan, now, usage, held)
                : rt.ledger.consume(plan, now, amount, claim, usage, held, claims);
          }

          @Override
          ConsumeResult result(Plan plan, long reply) {
            if (reply == LedgerReply.GRANTED && claims != null) {
              ctx.alerts.announce(ownerId, plan, claims, now);
            }
            return consumeResult(plan, reply, usage, held, amount, now, key);
          }
        });
  }

  private ConsumeResult consumeResult(Plan plan, long reply, long[] usage, long[] held, long amount, long now, String key) {
    if (reply == LedgerReply.OVERFLOW) {
      throw overflow(-1, amount);
    }
    if (reply == LedgerReply.KEY_CONFLICT) {
      throw keyReused(-1, key);
    }
    if (reply == LedgerReply.GRANTED) {
      List<BudgetStatus> budgets = new ArrayList<>(usage.length);
      for (int i = 0; i < usage.length; i++) {
        budgets.add(Results.status(plan.budgets[i], usage[i] + amount, held[i], true, now));
      }
      return new ConsumeResult(ConsumeResult.Status.GRANTED, null, budgets, null, plan.unresolved, plan.archivedEntityIds);
    }
    if (reply == LedgerReply.DUPLICATE) {
      CheckResult seen = Results.check(plan, usage, held, 0, now, policy);
      return new ConsumeResult(ConsumeResult.Status.DUPLICATE, null, seen.budgets(), null, plan.unresolved,
          plan.archivedEntityIds);
    }
    CheckResult denied = Results.check(plan, usage, held, amount, now, policy);
    return new ConsumeResult(ConsumeResult.Status.DENIED, denied.reason(), denied.budgets(), denied.firstDenied(),
        plan.unresolved, plan.archivedEntityIds);
  }

  Optional<BudgetReading> usage(String ownerId, UUID assignmentId) {
    Ids.requireOwner(ownerId);
    if (assignmentId == null) {
      throw ValidationException.of(-1, "assignmentId", "must not be null");
    }
    OwnerRuntime rt = ctx.owners.runtime(ownerId);
    if (rt == null) {
      return Optional.empty();
    }
    long now = ctx.clock.millis();
    if (rt.snapshot().assignment(assignmentId) == null) {
      rt.refresh();
    }
    return Attempts.run(ctx, rt, () -> readingPlan(rt, assignmentId), Attempts.read(rt, now,
        (plan, usage, held) -> plan.size() == 0 ? Optional.empty() : Optional.of(Results.reading(plan.budgets[0], usage[0], now))));
  }

  /**
   * A plan reading one assignment in the runtime's latest snapshot: one budget, or none when the
   * snapshot does not hold it (the ledger still validates that the snapshot is current).
   */
  private static Plan readingPlan(OwnerRuntime rt, UUID assignmentId) {
    OwnerSnapshot snapshot = rt.snapshot();
    StoredAssignment a = snapshot.assignment(assignmentId);
    CompiledAssignment[] budgets = new CompiledAssignment[0];
    if (a != null) {
      for (CompiledAssignment b : rt.compiled(snapshot, a.entityId())) {
        if (b.source.id().equals(assignmentId)) {
          budgets = new CompiledAssignment[] {b};
        }
      }
    }
    return new Plan(snapshot.version(), BudgetSet.ANY_GLOBAL_VERSION, a == null ? null : a.capabilityId(), budgets, List.of(),
        List.of());
  }
}
