package dev.governor.internal;

import dev.governor.NotFoundException;
import dev.governor.Page;
import dev.governor.PageRequest;
import dev.governor.StoreUnavailableException;
import dev.governor.ValidationException;
import dev.governor.catalog.Entity;
import dev.governor.query.ScopeFilter;
import dev.governor.query.SortDirection;
import dev.governor.query.SortField;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.spi.BudgetSet;
import dev.governor.spi.LedgerCounter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Governance-tree queries (SPEC §7): filters over the owner's {@link QueryIndex}, live usage read in
 * one ledger call for the candidate budgets, and a bounded-heap selection of one page in a total
 * order, so a page costs one pass over the candidates and a sort of only the page. Cursors carry the
 * catalog version they were issued under: after a catalog change they are refused as stale rather
 * than silently skipping or repeating rows. Thread-safe.
 */
final class QueryService {
  private final EngineContext ctx;
  private final RuntimeService runtime;

  QueryService(EngineContext ctx, RuntimeService runtime) {
    this.ctx = ctx;
    this.runtime = runtime;
  }

  Page<TreeRow> query(String ownerId, TreeQuery q) {
    Ids.requireOwner(ownerId);
    validate(q);
    boolean tree = q.treeMode();
    SortField field = q.sort() != null ? q.sort() : tree ? SortField.ID : SortField.UTILIZATION;
    boolean descending = q.direction() != null ? q.direction() == SortDirection.DESC : field.budgetOnly();
    String lowerSearch = q.search() == null || q.search().isEmpty() ? null : q.search().toLowerCase(Locale.ROOT);

    OwnerRuntime rt = runtime.ownerRuntime(ownerId);
    QueryIndex index = rt == null ? null : index(ownerId, rt);
    long version = index == null ? 0L : index.version;
    // Sets: the same ids in another order are the same query and keep accepting its cursors.
    List<String> context = Arrays.asList("query", ownerId, Long.toString(version),
        String.join(",", new TreeSet<>(q.capabilityIds())), String.join(",", new TreeSet<>(q.entityTypeIds())), q.scope().name(), String.valueOf(q.minUtilization()), lowerSearch,
        String.valueOf(q.includeArchived()), field.name(), String.valueOf(descending));
    RowOrder.Key after = decodeCursor(q.after(), ownerId, context);
    if (index == null) {
      return new Page<>(List.of(), null);
    }
    long now = ctx.clock.millis();
    return tree
        ? entityPage(index, q, field, descending, lowerSearch, after, context)
        : budgetPage(rt, index, q, field, descending, lowerSearch, after, context, now);
  }

  private void validate(TreeQuery q) {
    if (q == null) {
      throw ValidationException.of(-1, "query", "must not be null");
    }
    Set<String> capabilities = ctx.global().capabilities();
    int j = 0;
    for (String id : q.capabilityIds()) {
      Ids.require("capabilityIds[" + j + "]", id);
      if (!capabilities.contains(id)) {
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
  }

  private QueryIndex index(String ownerId, OwnerRuntime rt) {
    QueryIndex index = rt.queryIndex;
    long version;
    try {
      version = rt.ledger.catalogVersion();
    } catch (RuntimeException e) {
      throw new StoreUnavailableException("store failed during query: " + e, e);
    }
    if (index != null && index.version == version) {
      return index;
    }
    index = EngineContext.guarded("query", () -> ctx.catalog.readOwner(ownerId, v -> QueryIndex.build(v, rt)));
    rt.queryIndex = index;
    return index;
  }

  // ---------------------------------------------------------------- tree mode

  private Page<TreeRow> entityPage(QueryIndex index, TreeQuery q, SortField field, boolean descending,
      String lowerSearch, RowOrder.Key after, List<String> context) {
    QueryIndex.EntityRow[] rows = index.entities;
    RowOrder order = new RowOrder(field, descending, rows.length);
    TopK top = new TopK(order, q.limit() + 1);
    for (int i = 0; i < rows.length; i++) {
      Entity e = rows[i].entity;
      if ((!q.includeArchived() && e.isArchived()) || (!q.entityTypeIds().isEmpty() && !q.entityTypeIds().contains(e.typeId()))
          || !rows[i].matches(lowerSearch)) {
        continue;
      }
      order.set(i, false, e.createdAt().getEpochSecond(), e.createdAt().getNano(), e.id(), Set.of(), null);
      if (after == null || order.compareTo(i, after) > 0) {
        top.offer(i);
      }
    }
    int[] selected = top.sorted();
    List<TreeRow> page = new ArrayList<>(Math.min(selected.length, q.limit()));
    for (int s = 0; s < selected.length && s < q.limit(); s++) {
      Entity e = rows[selected[s]].entity;
      page.add(new TreeRow(e.id(), e.typeId(), e.displayName(), e.parentId(), e.isArchived(), null, null, Set.of(),
          null, null, null, null, null, null, e.createdAt()));
    }
    String next = selected.length > q.limit() ? encodeCursor(context, order.key(selected[q.limit() - 1])) : null;
    return new Page<>(page, next);
  }

  // ---------------------------------------------------------------- budget rows

  private Page<TreeRow> budgetPage(OwnerRuntime rt, QueryIndex index, TreeQuery q, SortField field, boolean descending,
      String lowerSearch, RowOrder.Key after, List<String> context, long now) {
    QueryIndex.BudgetRow[] rows = index.budgets;
    int[] candidates = new int[rows.length];
    int n = 0;
    for (int i = 0; i < rows.length; i++) {
      QueryIndex.BudgetRow r = rows[i];
      Entity e = r.entity.entity;
      int scopeSize = r.budget.source.scopeEntityIds().size();
      if (!q.capabilityIds().contains(r.budget.source.capabilityId())
          || (!q.includeArchived() && e.isArchived())
          || (!q.entityTypeIds().isEmpty() && !q.entityTypeIds().contains(e.typeId()))
          || (q.scope() == ScopeFilter.NODE_WIDE && scopeSize > 0)
          || (q.scope() == ScopeFilter.SCOPED && scopeSize == 0)
          || !r.entity.matches(lowerSearch)) {
        continue;
      }
      candidates[n++] = i;
    }
    long[] usage = new long[n];
    try {
      rt.ledger.readEach(new Candidates(rows, candidates, n), now, usage);
    } catch (RuntimeException e) {
      throw new StoreUnavailableException("store failed during query: " + e, e);
    }
    RowOrder order = new RowOrder(field, descending, n);
    TopK top = new TopK(order, q.limit() + 1);
    double[] utilization = new double[n];
    for (int c = 0; c < n; c++) {
      CompiledBudget b = rows[candidates[c]].budget;
      double u = utilization(b.limit, usage[c]);
      utilization[c] = u;
      if (q.minUtilization() != null && (Double.isNaN(u) || u < q.minUtilization())) {
        continue;
      }
      setKey(order, c, field, b, usage[c], u);
      if (after == null || order.compareTo(c, after) > 0) {
        top.offer(c);
      }
    }
    int[] selected = top.sorted();
    List<TreeRow> page = new ArrayList<>(Math.min(selected.length, q.limit()));
    for (int s = 0; s < selected.length && s < q.limit(); s++) {
      int c = selected[s];
      CompiledBudget b = rows[candidates[c]].budget;
      Entity e = rows[candidates[c]].entity.entity;
      double u = utilization[c];
      page.add(new TreeRow(e.id(), e.typeId(), e.displayName(), e.parentId(), e.isArchived(), b.source.id(),
          b.source.capabilityId(), b.source.scopeEntityIds(), b.source.usageLimit(), usage[c], Double.isNaN(u) ? null : u,
          b.cadence(), Instant.ofEpochMilli(b.periodStart(now)), Instant.ofEpochMilli(b.periodEnd(now)), b.source.createdAt()));
    }
    String next = selected.length > q.limit() ? encodeCursor(context, order.key(selected[q.limit() - 1])) : null;
    return new Page<>(page, next);
  }

  /** Utilization, or NaN for "none" (unlimited). A zero limit shows 1 unused and +infinity used. */
  static double utilization(long limit, long usage) {
    if (limit == BudgetSet.UNLIMITED) {
      return Double.NaN;
    }
    if (limit == 0) {
      return usage == 0 ? 1.0 : Double.POSITIVE_INFINITY;
    }
    return (double) usage / limit;
  }

  private static void setKey(RowOrder order, int c, SortField field, CompiledBudget b, long usage, double u) {
    String entityId = b.source.entityId();
    Set<String> scope = b.source.scopeEntityIds();
    String cap = b.source.capabilityId();
    switch (field) {
      case UTILIZATION -> order.set(c, Double.isNaN(u), Double.isNaN(u) ? 0 : RowOrder.sortable(u), 0, entityId, scope, cap);
      case CURRENT_USAGE -> order.set(c, false, usage, 0, entityId, scope, cap);
      case USAGE_LIMIT -> order.set(c, b.limit == BudgetSet.UNLIMITED, b.limit, 0, entityId, scope, cap);
      case SCOPE_SIZE -> order.set(c, false, scope.size(), 0, entityId, scope, cap);
      case ID -> order.set(c, false, 0, 0, entityId, scope, cap);
      case CREATED_AT -> order.set(c, false, b.source.createdAt().getEpochSecond(), b.source.createdAt().getNano(),
          entityId, scope, cap);
    }
  }

  /** The candidate budgets as one ledger read. */
  private static final class Candidates implements BudgetSet {
    private final QueryIndex.BudgetRow[] rows;
    private final int[] candidates;
    private final int n;

    Candidates(QueryIndex.BudgetRow[] rows, int[] candidates, int n) {
      this.rows = rows;
      this.candidates = candidates;
      this.n = n;
    }

    @Override
    public long catalogVersion() {
      return -1L;
    }

    @Override
    public int size() {
      return n;
    }

    @Override
    public LedgerCounter counter(int i) {
      return rows[candidates[i]].budget.counter;
    }

    @Override
    public long limit(int i) {
      return rows[candidates[i]].budget.limit;
    }

    @Override
    public long periodStart(int i, long timeMillis) {
      return rows[candidates[i]].budget.periodStart(timeMillis);
    }
  }

  // ---------------------------------------------------------------- cursors

  private static String encodeCursor(List<String> context, RowOrder.Key k) {
    List<String> position = new ArrayList<>();
    position.add(k.isNull() ? "n" : "v");
    position.add(Long.toString(k.p1()));
    position.add(Long.toString(k.p2()));
    position.add(k.entityId());
    position.add(k.capabilityId() == null ? "" : k.capabilityId());
    position.addAll(k.scope());
    return Cursors.encode(context, position);
  }

  private static RowOrder.Key decodeCursor(String cursor, String ownerId, List<String> context) {
    if (cursor == null) {
      return null;
    }
    List<String> position;
    try {
      position = Cursors.decode(cursor, context);
    } catch (ValidationException e) {
      // Tell "the catalog changed" apart from "this is not your cursor".
      if (Cursors.matchesIgnoringPart(cursor, context, 2)) {
        throw new ValidationException("after", cursor,
            "is stale: owner " + ownerId + "'s entities or budgets changed since it was issued; start again from the first page");
      }
      throw e;
    }
    try {
      boolean isNull = position.get(0).equals("n");
      long p1 = Long.parseLong(position.get(1));
      long p2 = Long.parseLong(position.get(2));
      String cap = position.get(4).isEmpty() ? null : position.get(4);
      return new RowOrder.Key(isNull, p1, p2, position.get(3), new TreeSet<>(position.subList(5, position.size())), cap);
    } catch (RuntimeException e) {
      throw new ValidationException("after", cursor, "is not a cursor returned by this query");
    }
  }
}
