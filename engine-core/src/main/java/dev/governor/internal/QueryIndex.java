package dev.governor.internal;

import dev.governor.catalog.Entity;
import dev.governor.spi.BudgetSet;
import dev.governor.spi.OwnerSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An owner's catalog flattened for governance-tree queries, compiled from one catalog version and
 * rebuilt lazily after a change: every entity with its lower-cased search text, and the budgets
 * grouped by capability into blocks whose {@link Plan} hands the ledger flat counter, limit and
 * period arrays, so a page reads all live usage in one pass. Immutable and thread-safe.
 */
final class QueryIndex {
  final long version;
  final EntityRow[] entities;
  private final Map<String, Block> blocks;

  private QueryIndex(long version, EntityRow[] entities, Map<String, Block> blocks) {
    this.version = version;
    this.entities = entities;
    this.blocks = blocks;
  }

  /** The budgets of one capability, or null when the owner has none. */
  Block block(String capabilityId) {
    return blocks.get(capabilityId);
  }

  static QueryIndex build(OwnerSnapshot view, OwnerRuntime runtime) {
    List<EntityRow> entities = new ArrayList<>();
    view.forEachEntity(e -> entities.add(new EntityRow(e)));
    Map<String, List<CompiledAssignment>> budgets = new HashMap<>();
    Map<String, List<EntityRow>> owners = new HashMap<>();
    for (EntityRow row : entities) {
      for (CompiledAssignment b : runtime.compiled(view, row.entity.id())) {
        budgets.computeIfAbsent(b.source.capabilityId(), k -> new ArrayList<>()).add(b);
        owners.computeIfAbsent(b.source.capabilityId(), k -> new ArrayList<>()).add(row);
      }
    }
    Map<String, Block> blocks = new HashMap<>();
    for (Map.Entry<String, List<CompiledAssignment>> e : budgets.entrySet()) {
      blocks.put(e.getKey(), new Block(view.version(), e.getKey(), e.getValue().toArray(new CompiledAssignment[0]),
          owners.get(e.getKey()).toArray(new EntityRow[0])));
    }
    return new QueryIndex(view.version(), entities.toArray(new EntityRow[0]), Map.copyOf(blocks));
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

  /**
   * The budgets of one capability in entity order: a {@link Plan} over them for the ledger, and
   * index-aligned arrays of what the filters read per row.
   */
  static final class Block {
    final Plan plan;
    /**
     * Each budget's limit as the query's skip test reads it: unlimited is infinite (such a row never
     * beats a real utilization) and 0 stays 0 (such a row is never skipped, its utilization may be
     * infinite).
     */
    final double[] gateLimits;
    final EntityRow[] entities;
    final int[] scopeSize;
    /** Archiving bumps the catalog version, so these flags are as current as the index. */
    final boolean[] archived;

    Block(long version, String capabilityId, CompiledAssignment[] budgets, EntityRow[] entities) {
      this.plan = new Plan(version, BudgetSet.ANY_GLOBAL_VERSION, capabilityId, budgets, List.of(), List.of());
      this.entities = entities;
      this.scopeSize = new int[budgets.length];
      this.archived = new boolean[budgets.length];
      this.gateLimits = new double[budgets.length];
      for (int i = 0; i < budgets.length; i++) {
        long limit = budgets[i].limit;
        gateLimits[i] = limit == BudgetSet.UNLIMITED ? Double.POSITIVE_INFINITY : limit;
        scopeSize[i] = budgets[i].source.scopeEntityIds().size();
        archived[i] = entities[i].entity.isArchived();
      }
    }

    int size() {
      return entities.length;
    }

    CompiledAssignment budget(int i) {
      return plan.budgets[i];
    }
  }
}
