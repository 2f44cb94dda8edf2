package dev.governor.demo;

import dev.governor.runtime.Subject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The test's own reading of docs/semantics.md §3, computed from the plan alone: which of an owner's budgets a
 * request by dimensions reaches.
 */
final class Applicability {
  private Applicability() {}

  /** The budgets of {@code plan} for {@code capabilityId} that apply to {@code subject}. */
  static List<BudgetRef> budgets(OwnerPlan plan, Subject subject, String capabilityId) {
    Set<String> resolved = new HashSet<>();
    for (Map.Entry<String, String> dimension : subject.dimensions().entrySet()) {
      plan.nodes().stream()
          .filter(n -> n.id().equals(dimension.getValue()))
          .filter(n -> SeedCatalog.attributionKey(n.typeId()).equals(dimension.getKey()))
          .findFirst()
          .ifPresent(n -> plan.chain(n.id()).forEach(a -> resolved.add(a.id())));
    }
    return plan.budgets().stream()
        .filter(b -> b.capabilityId().equals(capabilityId))
        .filter(b -> resolved.contains(b.entityId()) && resolved.containsAll(b.scope()))
        .map(b -> ref(plan, b))
        .toList();
  }

  static BudgetRef ref(OwnerPlan plan, OwnerPlan.Budget budget) {
    return new BudgetRef(plan.ownerId(), budget.entityId(), budget.capabilityId(), budget.scope());
  }
}
