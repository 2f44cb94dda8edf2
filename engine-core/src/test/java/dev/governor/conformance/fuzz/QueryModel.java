package dev.governor.conformance.fuzz;

import dev.governor.catalog.AssignmentKey;
import dev.governor.conformance.fuzz.CatalogModel.AssignmentM;
import dev.governor.conformance.fuzz.CatalogModel.EntityM;
import dev.governor.query.ScopeFilter;
import dev.governor.query.SortDirection;
import dev.governor.query.SortField;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SPEC §7 on the reference model: which rows a governance-tree query returns, with which values, in
 * which total order. Stateless.
 */
final class QueryModel {
  private QueryModel() {}

  /** The sort a query resolves to: its field (or the mode's default) and direction. */
  record Sort(SortField field, boolean descending) {}

  static Sort sort(TreeQuery q) {
    SortField field = q.sort() != null ? q.sort() : q.treeMode() ? SortField.ID : SortField.UTILIZATION;
    boolean descending = q.direction() != null ? q.direction() == SortDirection.DESC : field.budgetOnly();
    return new Sort(field, descending);
  }

  static String lowerSearch(TreeQuery q) {
    return q.search() == null || q.search().isEmpty() ? null : q.search().toLowerCase(Locale.ROOT);
  }

  /**
   * What a cursor of this query is tied to besides the owner and the catalog version: filters and
   * sort, not the page size.
   */
  static String signature(TreeQuery q) {
    Sort s = sort(q);
    return Fuzzer.context(String.join(",", q.capabilityIds()), String.join(",", q.entityTypeIds()), q.scope(),
        q.minUtilization(), lowerSearch(q), q.includeArchived(), s.field(), s.descending());
  }

  static void validate(CatalogModel m, String ownerId, TreeQuery q) {
    Reject.unless(ReferenceRules.ownerId(ownerId), "bad owner id");
    Reject.unless(q != null, "null query");
    for (String c : q.capabilityIds()) {
      Reject.unless(ReferenceRules.id(c) && m.capabilities.contains(c), "bad or unknown capability");
    }
    for (String t : q.entityTypeIds()) {
      Reject.unless(ReferenceRules.id(t) && m.types.containsKey(t), "bad or unknown type");
    }
    Reject.unless(q.scope() != null, "null scope filter");
    Reject.unless(q.minUtilization() == null || (!q.minUtilization().isNaN() && q.minUtilization() >= 0),
        "bad minUtilization");
    Reject.unless(q.search() == null || (q.search().length() <= ReferenceRules.MAX_TEXT
        && !ReferenceRules.hasControl(q.search())), "bad search");
    if (q.treeMode()) {
      Reject.unless(q.sort() == null || !q.sort().budgetOnly(), "budget sort in tree mode");
      Reject.unless(q.minUtilization() == null && q.scope() == ScopeFilter.ALL, "budget filter in tree mode");
    }
    Reject.unless(ReferenceRules.pageLimit(q.limit()), "bad page size");
  }

  static Double utilization(Long limit, long usage) {
    if (limit == null) {
      return null;
    }
    if (limit == 0) {
      return usage == 0 ? 1.0 : Double.POSITIVE_INFINITY;
    }
    return (double) usage / limit;
  }

  /** Every row the query matches, in the query's order. */
  static List<TreeRow> rows(CatalogModel m, TreeQuery q) {
    String search = lowerSearch(q);
    List<TreeRow> rows = new ArrayList<>();
    if (q.treeMode()) {
      for (EntityM e : m.entities.values()) {
        if (matches(e, q, search)) {
          rows.add(new TreeRow(e.id(), e.typeId(), e.displayName(), e.parentId(), e.archived(), null, null, Set.of(),
              null, null, null, null, null, null, e.createdAt()));
        }
      }
    } else {
      for (AssignmentM a : m.assignments.values()) {
        EntityM e = m.entities.get(a.entityId());
        boolean scoped = !a.scope().isEmpty();
        if (!q.capabilityIds().contains(a.capabilityId()) || !matches(e, q, search)
            || (q.scope() == ScopeFilter.NODE_WIDE && scoped) || (q.scope() == ScopeFilter.SCOPED && !scoped)) {
          continue;
        }
        long usage = m.usage.get(a.id());
        Double u = utilization(a.limit(), usage);
        if (q.minUtilization() != null && (u == null || u < q.minUtilization())) {
          continue;
        }
        Instant[] p = RuntimeModel.period(a, m.now);
        rows.add(new TreeRow(e.id(), e.typeId(), e.displayName(), e.parentId(), e.archived(), a.id(), a.capabilityId(),
            a.scope(), a.limit(), usage, u, a.cadence(), p[0], p[1], a.createdAt()));
      }
    }
    rows.sort(order(sort(q)));
    return rows;
  }

  private static boolean matches(EntityM e, TreeQuery q, String search) {
    return (q.includeArchived() || !e.archived())
        && (q.entityTypeIds().isEmpty() || q.entityTypeIds().contains(e.typeId()))
        && (search == null || e.id().toLowerCase(Locale.ROOT).contains(search)
            || (e.displayName() != null && e.displayName().toLowerCase(Locale.ROOT).contains(search)));
  }

  /**
   * SPEC §7 order: the sort value in the requested direction with missing values (unlimited budgets)
   * last either way, then entity id, scope and capability ascending, so every row has one place.
   */
  static Comparator<TreeRow> order(Sort s) {
    Comparator<TreeRow> primary = (a, b) -> {
      if (s.field() == SortField.ID) {
        int c = a.entityId().compareTo(b.entityId());
        return s.descending() ? -c : c;
      }
      Comparable<?> va = value(s.field(), a);
      Comparable<?> vb = value(s.field(), b);
      if (va == null || vb == null) {
        return va == null ? (vb == null ? 0 : 1) : -1;
      }
      @SuppressWarnings({"unchecked", "rawtypes"})
      int c = ((Comparable) va).compareTo(vb);
      return s.descending() ? -c : c;
    };
    return primary.thenComparing(TreeRow::entityId)
        .thenComparing(TreeRow::scopeEntityIds, AssignmentKey::compareScopes)
        .thenComparing(TreeRow::capabilityId, Comparator.nullsFirst(Comparator.naturalOrder()));
  }

  private static Comparable<?> value(SortField field, TreeRow r) {
    return switch (field) {
      case UTILIZATION -> r.utilization();
      case CURRENT_USAGE -> r.currentUsage();
      case USAGE_LIMIT -> r.usageLimit();
      case SCOPE_SIZE -> r.scopeEntityIds().size();
      case ID -> r.entityId();
      case CREATED_AT -> r.createdAt();
    };
  }
}
