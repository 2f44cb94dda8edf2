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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Governance-tree queries (docs/semantics.md, Query): filters over the owner's {@link QueryIndex},
 * live usage read in one ledger call for the candidate budgets, and a bounded-heap selection of one
 * page in a total order, so a page costs one pass over the candidates and a sort of only the page.
 * Cursors carry the catalog version they were issued under: after a catalog change they are refused
 * as stale rather than silently skipping or repeating rows. Thread-safe.
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
    RowOrder order = new RowOrder(field, descending, new RowOrder.Ties() {
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
    int[] slots = top.sortedSlots();
    List<TreeRow> page = new ArrayList<>(Math.min(slots.length, q.limit()));
    for (int s = 0; s < slots.length && s < q.limit(); s++) {
      Entity e = rows[top.row(slots[s])].entity;
      page.add(new TreeRow(e.id(), e.typeId(), e.displayName(), e.parentId(), e.isArchived(), null, null, Set.of(),
          null, null, null, null, null, null, e.createdAt()));
    }
    return new Page<>(page, nextCursor(context, order, top, slots, q.limit()));
  }

  private static String nextCursor(List<String> context, RowOrder order, TopK top, int[] slots, int limit) {
    if (slots.length <= limit) {
      return null;
    }
    int last = slots[limit - 1];
    return encodeCursor(context, order.key(top.p1(last), top.p2(last), top.row(last)));
  }

  // ---------------------------------------------------------------- budget rows

  /** Reused per thread so a page over thousands of budgets allocates no usage array. */
  private static final ThreadLocal<long[]> USAGE = ThreadLocal.withInitial(() -> new long[1024]);
  private static final int MAX_REUSED = 1 << 16;

  /**
   * One page of budget rows. The capability blocks are numbered one after the other so a row is an
   * int; one ledger call per block reads its live usage; the scan keeps sort values only for the
   * rows in the bounded heap.
   */
  private Page<TreeRow> budgetPage(OwnerRuntime rt, QueryIndex index, TreeQuery q, SortField field, boolean descending,
      String lowerSearch, RowOrder.Key after, List<String> context, long now) {
    List<QueryIndex.Block> blocks = new ArrayList<>();
    for (String capabilityId : new TreeSet<>(q.capabilityIds())) {
      QueryIndex.Block block = index.block(capabilityId);
      if (block != null) {
        blocks.add(block);
      }
    }
    int[] offsets = new int[blocks.size() + 1];
    for (int b = 0; b < blocks.size(); b++) {
      offsets[b + 1] = offsets[b] + blocks.get(b).size();
    }
    Rows rows = new Rows(blocks, offsets);
    RowOrder order = new RowOrder(field, descending, rows);
    TopK top = new TopK(order, q.limit() + 1);
    boolean typeFilter = !q.entityTypeIds().isEmpty();
    boolean nodeWideOnly = q.scope() == ScopeFilter.NODE_WIDE;
    boolean scopedOnly = q.scope() == ScopeFilter.SCOPED;
    boolean archivedToo = q.includeArchived();
    Double min = q.minUtilization();
    boolean utilizationSort = field == SortField.UTILIZATION;
    boolean gateArmed = false;
    boolean worstIsNull = false;
    double worst = 0.0;
    boolean fastGate = false;
    double skipBelow = 0.0;
    for (int b = 0; b < blocks.size(); b++) {
      QueryIndex.Block block = blocks.get(b);
      int n = block.size();
      long[] usage = n <= MAX_REUSED ? usageBuffer(n) : new long[n];
      try {
        rt.ledger.readEach(block.plan, now, usage);
      } catch (RuntimeException e) {
        throw new StoreUnavailableException("store failed during query: " + e, e);
      }
      long[] limits = block.plan.limits();
      boolean[] archived = block.archived;
      int[] scopeSize = block.scopeSize;
      int base = offsets[b];
      double[] gateLimits = block.gateLimits;
      for (int i = 0; i < n; i++) {
        if (fastGate) {
          // The common case (descending, heap full, a real worst value): skip in a tight loop the
          // rows whose usage is clearly below worst x limit; unlimited rows have an infinite gate
          // limit, so they are skipped too, and limit-0 rows a zero one, so they never are.
          // Eight rows per test, combined without branches, then row by row to the candidate.
          while (i + 8 <= n
              && usage[i] + 1.0 < skipBelow * gateLimits[i] & usage[i + 1] + 1.0 < skipBelow * gateLimits[i + 1]
              & usage[i + 2] + 1.0 < skipBelow * gateLimits[i + 2] & usage[i + 3] + 1.0 < skipBelow * gateLimits[i + 3]
              & usage[i + 4] + 1.0 < skipBelow * gateLimits[i + 4] & usage[i + 5] + 1.0 < skipBelow * gateLimits[i + 5]
              & usage[i + 6] + 1.0 < skipBelow * gateLimits[i + 6] & usage[i + 7] + 1.0 < skipBelow * gateLimits[i + 7]) {
            i += 8;
          }
          while (i < n && usage[i] + 1.0 < skipBelow * gateLimits[i]) {
            i++;
          }
          if (i == n) {
            break;
          }
        }
        long limit = limits[i];
        long u = usage[i];
        // Once the heap is full, a row clearly worse than the worst kept cannot enter, whatever the
        // filters say: tested first, with one multiplication instead of a division (conservative;
        // near ties take the exact path), so most rows cost two loads and a comparison.
        if (gateArmed) {
          if (limit == BudgetSet.UNLIMITED) {
            if (!worstIsNull) {
              continue;
            }
          } else if (!worstIsNull && limit != 0) {
            double bound = worst * limit;
            if (descending ? u < bound * (1 - 1e-9) - 1 : u > bound * (1 + 1e-9) + 1) {
              continue;
            }
          }
        }
        if ((!archivedToo && archived[i])
            || (nodeWideOnly && scopeSize[i] > 0)
            || (scopedOnly && scopeSize[i] == 0)
            || (typeFilter && !q.entityTypeIds().contains(block.entities[i].entity.typeId()))
            || (lowerSearch != null && !block.entities[i].matches(lowerSearch))) {
          continue;
        }
        long v1;
        long v2 = 0L;
        switch (field) {
          case UTILIZATION -> {
            double util = utilization(limit, u);
            if (min != null && (Double.isNaN(util) || util < min)) {
              continue;
            }
            v1 = Double.isNaN(util) ? RowOrder.NULL : RowOrder.sortable(util);
          }
          case CURRENT_USAGE -> v1 = u;
          case USAGE_LIMIT -> v1 = limit == BudgetSet.UNLIMITED ? RowOrder.NULL : limit;
          case SCOPE_SIZE -> v1 = scopeSize[i];
          case ID -> v1 = 0L;
          default -> {
            Instant created = block.budget(i).source.createdAt();
            v1 = created.getEpochSecond();
            v2 = created.getNano();
          }
        }
        if (field != SortField.UTILIZATION && min != null) {
          double util = utilization(limit, u);
          if (Double.isNaN(util) || util < min) {
            continue;
          }
        }
        int g = base + i;
        if (after == null || order.compareTo(v1, v2, g, after) > 0) {
          top.offer(v1, v2, g, u);
          if (utilizationSort && top.full()) {
            gateArmed = true;
            worstIsNull = top.worstP1() == RowOrder.NULL;
            worst = worstIsNull ? 0.0 : Double.longBitsToDouble(top.worstP1());
            fastGate = descending && !worstIsNull && !Double.isNaN(worst);
            skipBelow = worst * (1 - 1e-9);
          }
        }
      }
    }
    int[] slots = top.sortedSlots();
    List<TreeRow> page = new ArrayList<>(Math.min(slots.length, q.limit()));
    for (int s = 0; s < slots.length && s < q.limit(); s++) {
      page.add(row(rows, top.row(slots[s]), top.value(slots[s]), now));
    }
    return new Page<>(page, nextCursor(context, order, top, slots, q.limit()));
  }

  private static long[] usageBuffer(int n) {
    long[] buffer = USAGE.get();
    if (buffer.length < n) {
      buffer = new long[Math.max(n, buffer.length * 2)];
      USAGE.set(buffer);
    }
    return buffer;
  }

  /** The row of one selected budget with the usage the scan read for it. */
  private static TreeRow row(Rows rows, int g, long usage, long now) {
    CompiledBudget b = rows.budget(g);
    Entity e = rows.entity(g);
    double u = utilization(b.limit, usage);
    return new TreeRow(e.id(), e.typeId(), e.displayName(), e.parentId(), e.isArchived(), b.source.id(),
        b.source.capabilityId(), b.source.scopeEntityIds(), b.source.usageLimit(), usage, Double.isNaN(u) ? null : u,
        b.cadence(), Instant.ofEpochMilli(b.periodStart(now)), Instant.ofEpochMilli(b.periodEnd(now)), b.source.createdAt());
  }

  /** Rows numbered across capability blocks; the tie-break fields of a row, read on demand. */
  private static final class Rows implements RowOrder.Ties {
    private final List<QueryIndex.Block> blocks;
    private final int[] offsets;

    Rows(List<QueryIndex.Block> blocks, int[] offsets) {
      this.blocks = blocks;
      this.offsets = offsets;
    }

    private int blockOf(int row) {
      int b = 0;
      while (offsets[b + 1] <= row) {
        b++;
      }
      return b;
    }

    CompiledBudget budget(int row) {
      int b = blockOf(row);
      return blocks.get(b).budget(row - offsets[b]);
    }

    Entity entity(int row) {
      int b = blockOf(row);
      return blocks.get(b).entities[row - offsets[b]].entity;
    }

    @Override
    public String entityId(int row) {
      return entity(row).id();
    }

    @Override
    public Set<String> scope(int row) {
      return budget(row).source.scopeEntityIds();
    }

    @Override
    public String capabilityId(int row) {
      return budget(row).source.capabilityId();
    }
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
      long p1 = isNull ? RowOrder.NULL : Long.parseLong(position.get(1));
      long p2 = Long.parseLong(position.get(2));
      String cap = position.get(4).isEmpty() ? null : position.get(4);
      return new RowOrder.Key(p1, p2, position.get(3), new TreeSet<>(position.subList(5, position.size())), cap);
    } catch (RuntimeException e) {
      throw new ValidationException("after", cursor, "is not a cursor returned by this query");
    }
  }
}
