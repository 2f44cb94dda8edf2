package dev.governor.internal;

import dev.governor.StoreUnavailableException;
import dev.governor.spi.BudgetSet;
import dev.governor.spi.LedgerReply;

/**
 * The one retry loop of every decision. An attempt makes exactly one ledger call with a plan; when
 * the ledger answers STALE (the catalog changed since the plan was compiled, through any engine),
 * the owner's snapshot is refreshed to at least the version the reply carries and the decision is
 * planned again. Retries exist only to make progress: each runs against a newer catalog, and a
 * store that contradicts itself (STALE for the very version it reports, or a snapshot older than
 * that version) gets a typed error at once. Stateless and thread-safe.
 */
final class Attempts {
  /** Bound on replans while the catalog keeps changing under one decision. */
  static final int MAX_ATTEMPTS = 64;

  private Attempts() {}

  /** Compiles the plan of the decision from the owner's latest snapshot. */
  interface PlanSource {
    Plan plan();
  }

  /** One decision: a single ledger call with a plan, and the result of any reply but STALE. */
  abstract static class Attempt<R> {
    /** Makes the one ledger call and returns its {@link LedgerReply}. */
    abstract long call(Plan plan);

    /** The result of a reply that is not STALE. */
    abstract R result(Plan plan, long reply);
  }

  /** The result of a consistent read of a plan's usages. */
  interface ReadResult<R> {
    R of(Plan plan, long[] usage, long[] held);
  }

  /** An attempt that reads every budget of the plan as one consistent snapshot. */
  static <R> Attempt<R> read(OwnerRuntime rt, long now, ReadResult<R> result) {
    return new Attempt<>() {
      private long[] usage;
      private long[] held;

      @Override
      long call(Plan plan) {
        usage = new long[plan.size()];
        held = new long[plan.size()];
        return rt.ledger.read(plan, now, usage, held);
      }

      @Override
      R result(Plan plan, long reply) {
        return result.of(plan, usage, held);
      }
    };
  }

  /** Runs {@code attempt} until the ledger answers something other than STALE. */
  static <R> R run(EngineContext ctx, OwnerRuntime rt, PlanSource source, Attempt<R> attempt) {
    Plan plan = source.plan();
    long reply = attempt.call(plan);
    return LedgerReply.isStale(reply) ? retry(ctx, rt, plan, reply, source, attempt) : attempt.result(plan, reply);
  }

  /**
   * Continues a decision whose first attempt (made inline by an allocation-free gate) was answered
   * STALE.
   */
  static <R> R retry(EngineContext ctx, OwnerRuntime rt, Plan stale, long reply, PlanSource source, Attempt<R> attempt) {
    Plan plan = stale;
    for (int n = 1; LedgerReply.isStale(reply); n++) {
      plan = replan(ctx, rt, plan, reply, source, n);
      reply = attempt.call(plan);
    }
    return attempt.result(plan, reply);
  }

  /** The next plan after a STALE reply to {@code stale}, or a typed error when none can progress. */
  static Plan replan(EngineContext ctx, OwnerRuntime rt, Plan stale, long reply, PlanSource source, int attempt) {
    long reported = LedgerReply.currentVersion(reply);
    boolean global = stale.globalVersion != BudgetSet.ANY_GLOBAL_VERSION;
    if (reported < stale.version) {
      throw inconsistent(rt, "answered STALE with version " + reported + " for a plan of the newer version " + stale.version);
    }
    long globalNow = global ? ctx.refreshGlobal().version() : BudgetSet.ANY_GLOBAL_VERSION;
    if (reported == stale.version && globalNow == stale.globalVersion) {
      throw inconsistent(rt, "answered STALE for version " + reported + ", the version it reports as current");
    }
    long seen = rt.refresh().version();
    if (seen < reported) {
      throw inconsistent(rt, "reported version " + reported + " but served a catalog snapshot of version " + seen);
    }
    if (attempt >= MAX_ATTEMPTS) {
      throw new StoreUnavailableException("owner " + rt.ownerId + "'s catalog changed " + attempt
          + " times while one decision was planned; giving up rather than deciding on stale budgets", null);
    }
    Plan next = source.plan();
    if (next.version == stale.version && next.globalVersion == stale.globalVersion) {
      throw inconsistent(rt, "keeps answering STALE but its catalog stays at version " + next.version);
    }
    return next;
  }

  private static StoreUnavailableException inconsistent(OwnerRuntime rt, String what) {
    return new StoreUnavailableException("the store is inconsistent for owner " + rt.ownerId + ": it " + what
        + "; refusing to decide rather than retrying", null);
  }
}
