package dev.governor.internal;

import dev.governor.catalog.Entity;
import dev.governor.query.ScopeFilter;
import dev.governor.query.SortField;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.spi.BudgetSet;
import dev.governor.spi.LedgerReply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One page of budget rows: reads the live usage of each capability block of the query index in
 * one ledger call, filters, and keeps the best rows in a bounded heap ({@link TopK}), so a page costs
 * one pass over the candidates and a sort of only the page. Rows are numbered across the blocks so a
 * row is an int; sort values are kept only for the rows in the heap. Confined to one query.
 */
final class BudgetScan implements RowOrder.Ties {
  /** Reused per thread so a page over thousands of budgets allocates no usage array. */
  private static final ThreadLocal<long[]> USAGE = ThreadLocal.withInitial(() -> new long[1024]);
  private static final ThreadLocal<long[]> HELD = ThreadLocal.withInitial(() -> new long[1024]);
  /** The held amounts of the rows that have any, by row: few rows are held at once, so a map. */
  private final java.util.HashMap<Integer, Long> heldByRow = new java.util.HashMap<>();
  private static final int MAX_REUSED = 1 << 16;

  private final List<QueryIndex.Block> blocks = new ArrayList<>();
  private final int[] offsets;
  private final RowOrder order;
  private final TopK top;
  private final TreeQuery q;
  private final String lowerSearch;

  BudgetScan(QueryIndex index, TreeQuery q, SortField field, boolean descending, boolean backward, String lowerSearch) {
    for (String capabilityId : new TreeSet<>(q.capabilityIds())) {
      QueryIndex.Block block = index.block(capabilityId);
      if (block != null) {
        blocks.add(block);
      }
    }
    offsets = new int[blocks.size() + 1];
    for (int b = 0; b < blocks.size(); b++) {
      offsets[b + 1] = offsets[b] + blocks.get(b).size();
    }
    this.q = q;
    this.lowerSearch = lowerSearch;
    this.order = new RowOrder(field, descending, backward, this);
    this.top = new TopK(order, q.limit() + 1);
  }

  RowOrder order() {
    return order;
  }

  TopK top() {
    return top;
  }

  /**
   * Scans every block for the rows after {@code after} in the scan's order (before it, for a backward
   * page); returns {@link LedgerReply#OK}, or the
   * STALE reply of a block whose catalog version is no longer current (the page is then void).
   */
  long scan(OwnerRuntime rt, RowOrder.Key after, long now) {
    // The gates below assume nulls sort last and skip by the forward direction; a backward page
    // reverses both, so it takes the exact path for every row.
    boolean gates = !order.reversed;
    SortField field = order.field;
    boolean descending = order.descending;
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
      long[] usage = n <= MAX_REUSED ? buffer(USAGE, n) : new long[n];
      long[] held = n <= MAX_REUSED ? buffer(HELD, n) : new long[n];
      long reply = rt.ledger.readEach(block.plan, now, usage, held);
      if (LedgerReply.isStale(reply)) {
        return reply;
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
          if (held[i] != 0L) {
            heldByRow.put(g, held[i]);
          }
          if (gates && utilizationSort && top.full()) {
            gateArmed = true;
            worstIsNull = top.worstP1() == RowOrder.NULL;
            worst = worstIsNull ? 0.0 : Double.longBitsToDouble(top.worstP1());
            fastGate = descending && !worstIsNull && !Double.isNaN(worst);
            skipBelow = worst * (1 - 1e-9);
          }
        }
      }
    }
    return LedgerReply.OK;
  }

  private static long[] buffer(ThreadLocal<long[]> buffers, int n) {
    long[] buffer = buffers.get();
    if (buffer.length < n) {
      buffer = new long[Math.max(n, buffer.length * 2)];
      buffers.set(buffer);
    }
    return buffer;
  }

  /** The row of heap slot {@code slot} with its usage. */
  TreeRow row(int slot, long now) {
    return row(top.row(slot), top.value(slot), now);
  }

  private TreeRow row(int g, long usage, long now) {
    CompiledAssignment b = budget(g);
    Entity e = entity(g);
    double u = utilization(b.limit, usage);
    return new TreeRow(e.id(), e.typeId(), e.displayName(), e.parentId(), e.isArchived(), b.source.id(),
        b.source.capabilityId(), b.source.scopeEntityIds(), b.source.usageLimit(), b.source.softLimit(),
        b.source.alertThresholds(), usage, heldByRow.getOrDefault(g, 0L), Double.isNaN(u) ? null : u, b.cadence(), b.source.timeZone(), Instant.ofEpochMilli(b.periodStart(now)), Instant.ofEpochMilli(b.periodEnd(now)), b.source.createdAt());
  }

  private int blockOf(int row) {
    int b = 0;
    while (offsets[b + 1] <= row) {
      b++;
    }
    return b;
  }

  private CompiledAssignment budget(int row) {
    int b = blockOf(row);
    return blocks.get(b).budget(row - offsets[b]);
  }

  private Entity entity(int row) {
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
}
