package dev.governor.internal;

import dev.governor.runtime.BudgetReading;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.DenialReason;
import dev.governor.runtime.UnresolvedDimensionPolicy;
import dev.governor.spi.ReservationRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns ledger answers into the public result values. Stateless and thread-safe. */
final class Results {
  private Results() {}

  /**
   * The check result of a plan at the usages read: denied for an archived entity, then (with
   * {@link UnresolvedDimensionPolicy#DENY}) for an unresolved dimension, then for a budget
   * without room.
   */
  static CheckResult check(Plan plan, long[] usage, long[] held, long amount, long now, UnresolvedDimensionPolicy policy) {
    List<BudgetStatus> budgets = new ArrayList<>(usage.length);
    BudgetStatus firstDenied = null;
    for (int i = 0; i < usage.length; i++) {
      long h = held == null ? 0L : held[i];
      BudgetStatus s = status(plan.budgets[i], usage[i], h, ReservationRules.hasRoom(plan.budgets[i].limit, usage[i], h, amount), now);
      budgets.add(s);
      if (!s.hasAccess() && firstDenied == null) {
        firstDenied = s;
      }
    }
    DenialReason reason = denial(plan, policy);
    if (reason == null && firstDenied != null) {
      reason = DenialReason.BUDGET_EXCEEDED;
    }
    return new CheckResult(reason == null, reason, budgets, firstDenied, plan.unresolved, plan.archivedEntityIds);
  }

  /** Why a plan is denied before any budget is looked at, or null. */
  static DenialReason denial(Plan plan, UnresolvedDimensionPolicy policy) {
    if (plan.archived()) {
      return DenialReason.ENTITY_ARCHIVED;
    }
    if (policy == UnresolvedDimensionPolicy.DENY && !plan.unresolved.isEmpty()) {
      return DenialReason.UNRESOLVED_DIMENSION;
    }
    return null;
  }

  static BudgetStatus status(CompiledAssignment b, long usage, long held, boolean hasAccess, long now) {
    Long limit = b.source.usageLimit();
    Long remaining = limit == null ? null : Math.max(0L, limit - ReservationRules.committed(usage, held));
    return new BudgetStatus(b.source.id(), b.source.entityId(), b.source.capabilityId(), b.source.scopeEntityIds(),
        limit, b.source.softLimit(), usage, held, remaining, hasAccess, b.cadence(), Instant.ofEpochMilli(b.periodStart(now)),
        Instant.ofEpochMilli(b.periodEnd(now)));
  }

  static BudgetReading reading(CompiledAssignment b, long usage, long now) {
    Long limit = b.source.usageLimit();
    Long remaining = limit == null ? null : Math.max(0L, limit - usage);
    return new BudgetReading(b.source.id(), b.source.entityId(), b.source.capabilityId(), b.source.scopeEntityIds(),
        limit, usage, remaining, b.cadence(), Instant.ofEpochMilli(b.periodStart(now)), Instant.ofEpochMilli(b.periodEnd(now)));
  }
}
