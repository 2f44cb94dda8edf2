package dev.governor.conformance.fuzz;

import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Entity;
import dev.governor.query.ScopeFilter;
import dev.governor.query.SortDirection;
import dev.governor.query.SortField;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.testing.model.CatalogModel;
import dev.governor.testing.model.ModelRow;
import dev.governor.testing.model.OwnerModel;
import dev.governor.testing.model.ReferencePeriods.Period;
import dev.governor.testing.model.ReferenceRules;
import dev.governor.testing.model.Rejection;
import dev.governor.testing.model.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * docs/semantics.md §8.2 on the reference model: which rows a governance-tree query returns, with which values, in
 * which total order. Stateless and thread-safe; the model it reads is not.
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

  /**
   * The query's input rules. The fuzz only asks whether the engine must reject, so the violations
   * name the field the query broke without pinning the error class beyond a validation or a lookup.
   */
  static void validate(CatalogModel m, String ownerId, TreeQuery q) {
    CatalogModel.requireOwner(ownerId);
    Rejection.unless(q != null, Violation.invalid("query"), "null query");
    for (String c : q.capabilityIds()) {
      Rejection.unless(ReferenceRules.id(c), Violation.invalidId("capabilityIds", c), "bad capability");
      Rejection.unless(m.capabilities().containsKey(c), Violation.notFound("capabilityIds", "capability"),
          "unknown capability");
    }
    for (String t : q.entityTypeIds()) {
      Rejection.unless(ReferenceRules.id(t), Violation.invalidId("entityTypeIds", t), "bad type");
      Rejection.unless(m.types().containsKey(t), Violation.notFound("entityTypeIds", "entity type"), "unknown type");
    }
    Rejection.unless(q.scope() != null, Violation.invalid("scope"), "null scope filter");
    Rejection.unless(q.minUtilization() == null || (!q.minUtilization().isNaN() && q.minUtilization() >= 0),
        Violation.invalid("minUtilization"), "bad minUtilization");
    Rejection.unless(q.search() == null || (q.search().length() <= ReferenceRules.MAX_TEXT
        && !ReferenceRules.hasControl(q.search())), Violation.invalid("search"), "bad search");
    if (q.treeMode()) {
      Rejection.unless(q.sort() == null || !q.sort().budgetOnly(), Violation.invalid("sort"), "budget sort in tree mode");
      Rejection.unless(q.minUtilization() == null && q.scope() == ScopeFilter.ALL, Violation.invalid("scope"),
          "budget filter in tree mode");
    }
    Rejection.unless(ReferenceRules.pageLimit(q.limit()), Violation.invalid("limit"), "bad page size");
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

  /** Every row the query matches at {@code now}, in the query's order. */
  static List<TreeRow> rows(OwnerModel m, TreeQuery q, Instant now) {
    String search = lowerSearch(q);
    List<TreeRow> rows = new ArrayList<>();
    if (q.treeMode()) {
      for (Entity e : m.entities().values()) {
        if (matches(e, q, search)) {
          rows.add(new TreeRow(e.id(), e.typeId(), e.displayName(), e.parentId(), e.isArchived(), null, null, Set.of(),
              null, null, null, null, null, null, null, null, null, null, e.createdAt()));
        }
      }
    } else {
      for (ModelRow a : m.rows().values()) {
        Entity e = m.entity(a.entityId());
        boolean scoped = !a.scope().isEmpty();
        if (!q.capabilityIds().contains(a.capabilityId()) || !matches(e, q, search)
            || (q.scope() == ScopeFilter.NODE_WIDE && scoped) || (q.scope() == ScopeFilter.SCOPED && !scoped)) {
          continue;
        }
        long usage = m.usageAt(a, now);
        Double u = utilization(a.usageLimit(), usage);
        if (q.minUtilization() != null && (u == null || u < q.minUtilization())) {
          continue;
        }
        Period p = a.periodAt(now);
        rows.add(new TreeRow(e.id(), e.typeId(), e.displayName(), e.parentId(), e.isArchived(), a.id(), a.capabilityId(),
            a.scope(), a.usageLimit(), null, null, usage, 0L, u, a.cadence(), null, p.start(), p.end(), a.createdAt()));
      }
    }
    rows.sort(order(sort(q)));
    return rows;
  }

  private static boolean matches(Entity e, TreeQuery q, String search) {
    return (q.includeArchived() || !e.isArchived())
        && (q.entityTypeIds().isEmpty() || q.entityTypeIds().contains(e.typeId()))
        && (search == null || e.id().toLowerCase(Locale.ROOT).contains(search)
            || (e.displayName() != null && e.displayName().toLowerCase(Locale.ROOT).contains(search)));
  }

  /**
   * docs/semantics.md §8.2 order: the sort value in the requested direction with missing values (unlimited budgets)
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
