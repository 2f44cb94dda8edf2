package dev.governor.internal;

import dev.governor.runtime.UnresolvedDimension;
import dev.governor.spi.BudgetSet;
import dev.governor.spi.LedgerCounter;
import java.util.List;

/**
 * The applicable budgets of one request shape (a resolved subject and a capability), compiled from
 * one catalog version: the {@link BudgetSet} handed to the ledger, plus what the result reports
 * (archived entities, unresolved dimensions). Immutable and thread-safe; the plan of a single entity
 * and capability is cached and shared by every thread.
 */
class Plan implements BudgetSet {
  final long version;
  /** The engine-wide catalog version the plan resolved dimensions under, or ANY_GLOBAL_VERSION. */
  final long globalVersion;
  final String capabilityId;
  final CompiledAssignment[] budgets;
  private final LedgerCounter[] counters;
  private final long[] limits;
  private final boolean alerts;
  private final long[] floors;
  final List<String> archivedEntityIds;
  final boolean archived;
  final List<UnresolvedDimension> unresolved;
  /**
   * Every budget's current period start at once, valid while {@code from <= t < until}: one
   * comparison per operation instead of one per budget. A plain field holding an immutable object:
   * a stale snapshot fails the range test and is rebuilt.
   */
  private PeriodSnapshot periods;
  /** The assignment ids, built on first use; a plain field holding an immutable list (a race builds an equal one). */
  private List<java.util.UUID> assignmentIds;

  Plan(long version, long globalVersion, String capabilityId, CompiledAssignment[] budgets, List<String> archivedEntityIds,
      List<UnresolvedDimension> unresolved) {
    this.version = version;
    this.globalVersion = globalVersion;
    this.capabilityId = capabilityId;
    this.budgets = budgets;
    this.counters = new LedgerCounter[budgets.length];
    this.limits = new long[budgets.length];
    boolean anyAlerts = false;
    this.floors = new long[budgets.length];
    for (int i = 0; i < budgets.length; i++) {
      counters[i] = budgets[i].counter;
      limits[i] = budgets[i].limit;
      anyAlerts |= budgets[i].levels.length > 0;
      floors[i] = budgets[i].levels.length == 0 ? Long.MAX_VALUE : budgets[i].levels[0];
    }
    this.alerts = anyAlerts;
    this.archivedEntityIds = archivedEntityIds;
    this.archived = !archivedEntityIds.isEmpty();
    this.unresolved = unresolved;
  }

  boolean archived() {
    return archived;
  }

  @Override
  public long catalogVersion() {
    return version;
  }

  @Override
  public long globalVersion() {
    return globalVersion;
  }

  @Override
  public int size() {
    return budgets.length;
  }

  @Override
  public LedgerCounter counter(int i) {
    return budgets[i].counter;
  }

  @Override
  public java.util.UUID assignmentId(int i) {
    return budgets[i].source.id();
  }

  @Override
  public List<java.util.UUID> assignmentIds() {
    List<java.util.UUID> ids = assignmentIds;
    if (ids == null) {
      java.util.UUID[] out = new java.util.UUID[budgets.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = budgets[i].source.id();
      }
      ids = List.of(out);
      assignmentIds = ids;
    }
    return ids;
  }

  @Override
  public long limit(int i) {
    return budgets[i].limit;
  }

  @Override
  public LedgerCounter[] counters() {
    return counters;
  }

  @Override
  public long[] limits() {
    return limits;
  }

  @Override
  public boolean hasAlerts() {
    return alerts;
  }

  @Override
  public long[] alertFloors() {
    return floors;
  }

  @Override
  public double[] alertThresholds(int i) {
    return budgets[i].thresholds;
  }

  @Override
  public long[] alertLevels(int i) {
    return budgets[i].levels;
  }

  @Override
  public long[] periodStarts(long timeMillis) {
    PeriodSnapshot p = periods;
    if (p != null && timeMillis >= p.from && timeMillis < p.until) {
      return p.starts;
    }
    return refresh(timeMillis).starts;
  }

  @Override
  public long periodStart(int i, long timeMillis) {
    PeriodSnapshot p = periods;
    if (p != null && timeMillis >= p.from && timeMillis < p.until) {
      return p.starts[i];
    }
    return refresh(timeMillis).starts[i];
  }

  private PeriodSnapshot refresh(long t) {
    long[] starts = new long[budgets.length];
    long from = Long.MIN_VALUE;
    long until = Long.MAX_VALUE;
    for (int i = 0; i < starts.length; i++) {
      starts[i] = budgets[i].periodStart(t);
      from = Math.max(from, starts[i]);
      until = Math.min(until, budgets[i].periodEnd(t));
    }
    PeriodSnapshot fresh = new PeriodSnapshot(from, until, starts);
    PeriodSnapshot current = periods;
    // Only move forward, so a late event's old timestamp does not evict the current periods.
    if (current == null || fresh.from > current.from) {
      periods = fresh;
    }
    return fresh;
  }

  private static final class PeriodSnapshot {
    final long from;
    final long until;
    final long[] starts;

    PeriodSnapshot(long from, long until, long[] starts) {
      this.from = from;
      this.until = until;
      this.starts = starts;
    }
  }
}
