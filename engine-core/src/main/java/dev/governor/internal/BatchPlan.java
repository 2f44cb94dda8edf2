package dev.governor.internal;

import dev.governor.spi.BudgetSet;
import java.util.List;

/**
 * The plans of one ingest batch as one unit for {@link Attempts}: the catalog versions they were
 * all compiled from (the engine-wide one when any event resolved dimensions), so a STALE reply
 * replans the whole batch. Holds no budgets of its own. Immutable.
 */
final class BatchPlan extends Plan {
  final Plan[] plans;

  BatchPlan(Plan[] plans) {
    super(plans[0].version, globalVersionOf(plans), null, new CompiledAssignment[0], List.of(), List.of());
    this.plans = plans;
  }

  /** True when every plan has the same owner version and at most one engine-wide version. */
  static boolean consistent(Plan[] plans) {
    long version = plans[0].version;
    long global = BudgetSet.ANY_GLOBAL_VERSION;
    for (Plan p : plans) {
      if (p.version != version) {
        return false;
      }
      if (p.globalVersion != BudgetSet.ANY_GLOBAL_VERSION) {
        if (global != BudgetSet.ANY_GLOBAL_VERSION && global != p.globalVersion) {
          return false;
        }
        global = p.globalVersion;
      }
    }
    return true;
  }

  private static long globalVersionOf(Plan[] plans) {
    for (Plan p : plans) {
      if (p.globalVersion != BudgetSet.ANY_GLOBAL_VERSION) {
        return p.globalVersion;
      }
    }
    return BudgetSet.ANY_GLOBAL_VERSION;
  }

  /** A plan with no budget at the batch's versions, for an event that records nothing. */
  static Plan empty(Plan batch) {
    return new Plan(batch.version, batch.globalVersion, null, new CompiledAssignment[0], List.of(), List.of());
  }
}
