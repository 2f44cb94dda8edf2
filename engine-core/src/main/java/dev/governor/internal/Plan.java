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
final class Plan implements BudgetSet {
  final long version;
  final String capabilityId;
  final CompiledBudget[] budgets;
  final List<String> archivedEntityIds;
  final List<UnresolvedDimension> unresolved;

  Plan(long version, String capabilityId, CompiledBudget[] budgets, List<String> archivedEntityIds,
      List<UnresolvedDimension> unresolved) {
    this.version = version;
    this.capabilityId = capabilityId;
    this.budgets = budgets;
    this.archivedEntityIds = archivedEntityIds;
    this.unresolved = unresolved;
  }

  boolean archived() {
    return !archivedEntityIds.isEmpty();
  }

  @Override
  public long catalogVersion() {
    return version;
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
  public long limit(int i) {
    return budgets[i].limit;
  }

  @Override
  public long periodStart(int i, long timeMillis) {
    return budgets[i].periodStart(timeMillis);
  }
}
