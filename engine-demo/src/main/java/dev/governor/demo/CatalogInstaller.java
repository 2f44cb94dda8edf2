package dev.governor.demo;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes the seed catalog and the owners' plans (with their soft limits and alert thresholds) into an
 * engine through the public catalog API. Stateless, so thread-safe; the engine serializes the writes.
 */
public final class CatalogInstaller {
  /** The largest batch a catalog upsert takes. */
  static final int MAX_BATCH = 100;

  private CatalogInstaller() {}

  /** Creates the engine-wide entity types and capabilities. */
  public static void installCatalog(GovernanceEngine engine) {
    engine.entityTypes().upsert(SeedCatalog.TYPES.stream()
        .map(t -> EntityTypeUpsert.of(t.id()).displayName(t.displayName()).attributionKeys(t.attributionKey()))
        .toList());
    engine.capabilities().upsert(SeedCatalog.CAPABILITIES.stream().map(CapabilityUpsert::meter).toList());
  }

  /** Provisions one owner: its entities (parents first), then its budgets. */
  public static void provision(GovernanceEngine engine, OwnerPlan plan) {
    inBatches(plan.nodes().stream().map(CatalogInstaller::entity).toList(),
        batch -> engine.entities(plan.ownerId()).upsert(batch));
    inBatches(plan.budgets().stream().map(CatalogInstaller::assignment).toList(),
        batch -> engine.assignments(plan.ownerId()).upsert(batch));
  }

  private static EntityUpsert entity(OwnerPlan.Node node) {
    EntityUpsert upsert = EntityUpsert.of(node.id()).type(node.typeId()).displayName(node.displayName());
    if (!node.metadata().isEmpty()) {
      upsert = upsert.metadata(node.metadata());
    }
    return node.parentId() == null ? upsert : upsert.parent(node.parentId());
  }

  private static AssignmentUpsert assignment(OwnerPlan.Budget budget) {
    AssignmentUpsert upsert = AssignmentUpsert.of(budget.entityId(), budget.capabilityId())
        .scope(budget.scope()).cadence(budget.cadence());
    upsert = budget.limit() == null ? upsert.unlimited() : upsert.usageLimit(budget.limit());
    if (budget.softLimit() != null) {
      upsert = upsert.softLimit(budget.softLimit());
    }
    return budget.alertThresholds().isEmpty() ? upsert : upsert.alertThresholds(budget.alertThresholds());
  }

  private static <T> void inBatches(List<T> items, Consumer<List<T>> write) {
    for (int from = 0; from < items.size(); from += MAX_BATCH) {
      write.accept(items.subList(from, Math.min(items.size(), from + MAX_BATCH)));
    }
  }
}
