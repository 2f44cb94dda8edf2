package dev.governor.internal;

import dev.governor.NotFoundException;
import dev.governor.Page;
import dev.governor.PageRequest;
import dev.governor.ValidationException;
import dev.governor.catalog.Entity;
import dev.governor.query.ScopeFilter;
import dev.governor.query.SortDirection;
import dev.governor.query.SortField;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.spi.BudgetSet;
import dev.governor.spi.OwnerSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * Governance-tree queries: validation, cursors and tree mode over the owner's {@link QueryIndex};
 * budget rows come from a {@link BudgetScan} with live usage, retried through {@link Attempts}
 * when the catalog changes under the scan. Cursors carry the
 * catalog version they were issued under: after a catalog change they are refused as stale rather
 * than silently skipping or repeating rows. Thread-safe.
 */
final class QueryService {
  private final EngineContext ctx;

  QueryService(EngineContext ctx) {
    this.ctx = ctx;
  }

  Page<TreeRow> query(String ownerId, TreeQuery q) {
    Ids.requireOwner(ownerId);
    validate(q);
    boolean tree = q.treeMode();
    SortField field = q.sort() != null ? q.sort() : tree ? SortField.ID : SortField.UTILIZATION;
    boolean descending = q.direction() != null ? q.direction() == SortDirection.DESC : field.budgetOnly();
    String lowerSearch = q.search() == null || q.search().isEmpty() ? null : q.search().toLowerCase(Locale.ROOT);

    boolean backward = q.before() != null;
    OwnerRuntime rt = ctx.owners.runtime(ownerId);
    if (rt == null) {
      decodeCursor(q, ownerId, context(ownerId, 0L, q, lowerSearch, field, descending));
      return new Page<>(List.of(), null);
    }
    // A fresh read: the index answers for the catalog as the store holds it now.
    rt.refresh();
    if (tree) {
      QueryIndex index = index(rt);
      List<String> context = context(ownerId, index.version, q, lowerSearch, field, descending);
      return entityPage(index, q, field, descending, lowerSearch, decodeCursor(q, ownerId, context), context);
    }
    long now = ctx.clock.millis();
    return Attempts.run(ctx, rt, () -> new IndexPlan(index(rt)), new Attempts.Attempt<Page<TreeRow>>() {
      private BudgetScan scan;
      private List<String> context;

      @Override
      long call(Plan plan) {
        QueryIndex index = ((IndexPlan) plan).index;
        context = context(ownerId, index.version, q, lowerSearch, field, descending);
        RowOrder.Key at = decodeCursor(q, ownerId, context);
        scan = new BudgetScan(index, q, field, descending, backward, lowerSearch);
        return scan.scan(rt, at, now);
      }

      @Override
      Page<TreeRow> result(Plan plan, long reply) {
        return page(q, context, scan.order(), scan.top(), slot -> scan.row(slot, now));
      }
    });
  }

  /** What a cursor is bound to. Sets: the same ids in another order are the same query. */
  private static List<String> context(String ownerId, long version, TreeQuery q, String lowerSearch, SortField field,
      boolean descending) {
    return Arrays.asList("query", ownerId, Long.toString(version),
        String.join(",", new TreeSet<>(q.capabilityIds())), String.join(",", new TreeSet<>(q.entityTypeIds())), q.scope().name(),
        String.valueOf(q.minUtilization()), lowerSearch, String.valueOf(q.includeArchived()), field.name(),
        String.valueOf(descending));
  }

  /** The query index as one unit for {@link Attempts}: its version is what the ledger validates. */
  private static final class IndexPlan extends Plan {
    final QueryIndex index;

    IndexPlan(QueryIndex index) {
      super(index.version, BudgetSet.ANY_GLOBAL_VERSION, null, new CompiledAssignment[0], List.of(), List.of());
      this.index = index;
    }
  }

  private void validate(TreeQuery q) {
    if (q == null) {
      throw ValidationException.of(-1, "query", "must not be null");
    }
    int j = 0;
    for (String id : q.capabilityIds()) {
      Ids.require("capabilityIds[" + j + "]", id);
      if (ctx.capability(id) == null) {
        throw new NotFoundException(-1, "capabilityIds[" + j + "]", "capability", id);
      }
      j++;
    }
    j = 0;
    for (String id : q.entityTypeIds()) {
      Ids.require("entityTypeIds[" + j + "]", id);
      if (ctx.entityType(id) == null) {
        throw new NotFoundException(-1, "entityTypeIds[" + j + "]", "entity type", id);
      }
      j++;
    }
    if (q.scope() == null) {
      throw ValidationException.of(-1, "scope", "must not be null (ALL, NODE_WIDE or SCOPED)");
    }
    if (q.minUtilization() != null && (q.minUtilization().isNaN() || q.minUtilization() < 0)) {
      throw new ValidationException("minUtilization", q.minUtilization(), "must be a number at least 0");
    }
    if (q.search() != null && (q.search().length() > Ids.MAX_LENGTH || Texts.hasControl(q.search()))) {
      throw new ValidationException("search", q.search(), "must be at most 255 characters without control characters");
    }
    if (q.treeMode() && q.sort() != null && q.sort().budgetOnly()) {
      throw new ValidationException("sort", q.sort(), "sorts budget rows; tree mode (no capability ids) sorts by ID or CREATED_AT");
    }
    if (q.treeMode() && (q.minUtilization() != null || q.scope() != ScopeFilter.ALL)) {
      throw ValidationException.of(-1, q.minUtilization() != null ? "minUtilization" : "scope",
          "filters budget rows; name at least one capability id to query budgets");
    }
    Cursors.limit(new PageRequest(q.limit(), null));
    Cursors.requireOneCursor(q.after(), q.before());
  }

  /** The owner's query index for the runtime's latest snapshot, rebuilt when that moved on. */
  private static QueryIndex index(OwnerRuntime rt) {
    QueryIndex index = rt.queryIndex;
    OwnerSnapshot snapshot = rt.snapshot();
    if (index != null && index.version == snapshot.version()) {
      return index;
    }
    index = QueryIndex.build(snapshot, rt);
    rt.queryIndex = index;
    return index;
  }

  // ---------------------------------------------------------------- tree mode

  private Page<TreeRow> entityPage(QueryIndex index, TreeQuery q, SortField field, boolean descending,
      String lowerSearch, RowOrder.Key after, List<String> context) {
    QueryIndex.EntityRow[] rows = index.entities;
    RowOrder order = new RowOrder(field, descending, q.before() != null, new RowOrder.Ties() {
      @Override
      public String entityId(int row) {
        return rows[row].entity.id();
      }

      @Override
      public Set<String> scope(int row) {
        return Set.of();
      }

      @Override
      public String capabilityId(int row) {
        return null;
      }
    });
    TopK top = new TopK(order, q.limit() + 1);
    for (int i = 0; i < rows.length; i++) {
      Entity e = rows[i].entity;
      if ((!q.includeArchived() && e.isArchived()) || (!q.entityTypeIds().isEmpty() && !q.entityTypeIds().contains(e.typeId()))
          || !rows[i].matches(lowerSearch)) {
        continue;
      }
      long v1 = e.createdAt().getEpochSecond();
      long v2 = e.createdAt().getNano();
      if (after == null || order.compareTo(v1, v2, i, after) > 0) {
        top.offer(v1, v2, i, 0L);
      }
    }
    return page(q, context, order, top, slot -> {
      Entity e = rows[top.row(slot)].entity;
      return new TreeRow(e.id(), e.typeId(), e.displayName(), e.parentId(), e.isArchived(), null, null, Set.of(),
          null, null, null, null, null, null, null, null, null, null, e.createdAt());
    });
  }

  /**
   * The page from the heap's best {@code limit + 1} slots: in query order for a forward page; for a
   * backward one the heap ran in reversed order, so its best are the rows nearest the cursor.
   */
  private static Page<TreeRow> page(TreeQuery q, List<String> context, RowOrder order, TopK top,
      IntFunction<TreeRow> rowOf) {
    List<Integer> slots = new ArrayList<>();
    for (int slot : top.sortedSlots()) {
      slots.add(slot);
    }
    IntFunction<String> cursorOf = slot -> encodeCursor(context, order.key(top.p1(slot), top.p2(slot), top.row(slot)));
    Page<Integer> page = q.before() != null ? Paging.backward(slots, q.limit(), cursorOf::apply)
        : Paging.forward(slots, q.limit(), q.after() != null, cursorOf::apply);
    List<TreeRow> items = new ArrayList<>(page.items().size());
    for (int slot : page.items()) {
      items.add(rowOf.apply(slot));
    }
    return new Page<>(items, page.nextCursor(), page.prevCursor());
  }

  // ---------------------------------------------------------------- cursors

  private static String encodeCursor(List<String> context, RowOrder.Key k) {
    List<String> position = new ArrayList<>();
    position.add(k.p1() == RowOrder.NULL ? "n" : "v");
    position.add(Long.toString(k.p1()));
    position.add(Long.toString(k.p2()));
    position.add(k.entityId());
    position.add(k.capabilityId() == null ? "" : k.capabilityId());
    position.addAll(k.scope());
    return Cursors.encode(context, position);
  }

  /** The position of the query's cursor ({@code after} or {@code before}), or null for a first page. */
  private static RowOrder.Key decodeCursor(TreeQuery q, String ownerId, List<String> context) {
    String field = q.before() != null ? "before" : "after";
    String cursor = q.before() != null ? q.before() : q.after();
    if (cursor == null) {
      return null;
    }
    List<String> position;
    try {
      position = Cursors.decode(cursor, context, field);
    } catch (ValidationException e) {
      // Tell "the catalog changed" apart from "this is not your cursor".
      if (Cursors.matchesIgnoringPart(cursor, context, 2)) {
        throw new ValidationException(field, cursor,
            "is stale: owner " + ownerId + "'s entities or budgets changed since it was issued; start again from the first page");
      }
      throw e;
    }
    try {
      boolean isNull = position.get(0).equals("n");
      long p1 = isNull ? RowOrder.NULL : Long.parseLong(position.get(1));
      long p2 = Long.parseLong(position.get(2));
      String cap = position.get(4).isEmpty() ? null : position.get(4);
      return new RowOrder.Key(p1, p2, position.get(3), new TreeSet<>(position.subList(5, position.size())), cap);
    } catch (RuntimeException e) {
      throw new ValidationException(field, cursor, "is not a cursor returned by this query");
    }
  }
}
