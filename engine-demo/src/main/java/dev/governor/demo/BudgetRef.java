package dev.governor.demo;

import dev.governor.runtime.BudgetStatus;
import java.util.Comparator;
import java.util.List;

/**
 * Names one budget of one owner by its natural key: entity, capability and scope.
 *
 * @param ownerId the owner
 * @param entityId the entity holding the budget
 * @param capabilityId the capability
 * @param scope the scope entity ids, sorted; empty for node-wide
 */
public record BudgetRef(String ownerId, String entityId, String capabilityId, List<String> scope)
    implements Comparable<BudgetRef> {
  private static final Comparator<BudgetRef> ORDER = Comparator.comparing(BudgetRef::ownerId)
      .thenComparing(BudgetRef::entityId)
      .thenComparing(BudgetRef::capabilityId)
      .thenComparing(r -> String.join(",", r.scope()));

  public BudgetRef {
    scope = scope.stream().sorted().toList();
  }

  /** The budget a check or consume reported. */
  public static BudgetRef of(String ownerId, BudgetStatus budget) {
    return new BudgetRef(ownerId, budget.entityId(), budget.capabilityId(), List.copyOf(budget.scopeEntityIds()));
  }

  @Override
  public int compareTo(BudgetRef other) {
    return ORDER.compare(this, other);
  }
}
