package dev.governor.runtime;

import java.util.List;

/**
 * The answer to a check. A denial is this result with {@code hasAccess == false}, never an
 * exception. Immutable.
 *
 * @param hasAccess true when no entity named is archived and every applicable budget allows the
 *     amount (true with an empty budget list when none applies: governance is opt-in)
 * @param reason why access was denied, or null when granted
 * @param budgets every applicable budget, leaf to root along each chain, node-wide before scoped
 * @param firstDenied the first budget in that order that denies, or null
 * @param unresolved the request dimensions that named no entity
 * @param archivedEntityIds the entities named by the request that are archived
 */
public record CheckResult(
    boolean hasAccess,
    DenialReason reason,
    List<BudgetStatus> budgets,
    BudgetStatus firstDenied,
    List<UnresolvedDimension> unresolved,
    List<String> archivedEntityIds) {
  public CheckResult {
    budgets = List.copyOf(budgets);
    unresolved = List.copyOf(unresolved);
    archivedEntityIds = List.copyOf(archivedEntityIds);
  }
}
