package dev.governor.internal;

import dev.governor.catalog.Entity;
import dev.governor.spi.OwnerCatalogView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An owner's catalog flattened for governance-tree queries: every entity and every budget in flat
 * arrays, with the lower-cased search text precomputed, compiled from one catalog version and
 * rebuilt lazily after a change. Immutable and thread-safe.
 */
final class QueryIndex {
  final long version;
  final EntityRow[] entities;
  final BudgetRow[] budgets;

  private QueryIndex(long version, EntityRow[] entities, BudgetRow[] budgets) {
    this.version = version;
    this.entities = entities;
    this.budgets = budgets;
  }

  static QueryIndex build(OwnerCatalogView view, OwnerRuntime runtime) {
    List<EntityRow> entities = new ArrayList<>();
    view.forEachEntity(e -> entities.add(new EntityRow(e)));
    List<BudgetRow> budgets = new ArrayList<>();
    for (EntityRow row : entities) {
      for (CompiledBudget b : runtime.compiled(view, row.entity.id())) {
        budgets.add(new BudgetRow(row, b));
      }
    }
    return new QueryIndex(view.version(), entities.toArray(new EntityRow[0]), budgets.toArray(new BudgetRow[0]));
  }

  /** An entity with its search text. */
  static final class EntityRow {
    final Entity entity;
    final String lowerId;
    final String lowerName;

    EntityRow(Entity entity) {
      this.entity = entity;
      this.lowerId = entity.id().toLowerCase(Locale.ROOT);
      this.lowerName = entity.displayName() == null ? null : entity.displayName().toLowerCase(Locale.ROOT);
    }

    boolean matches(String lowerSearch) {
      return lowerSearch == null || lowerId.contains(lowerSearch) || (lowerName != null && lowerName.contains(lowerSearch));
    }
  }

  /** A budget with its entity. */
  static final class BudgetRow {
    final EntityRow entity;
    final CompiledBudget budget;

    BudgetRow(EntityRow entity, CompiledBudget budget) {
      this.entity = entity;
      this.budget = budget;
    }
  }
}
