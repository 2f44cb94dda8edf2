package dev.governor.conformance.fuzz;

import dev.governor.Page;
import dev.governor.PageRequest;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentFilter;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityFilter;
import dev.governor.conformance.fuzz.Fuzzer.Issued;
import dev.governor.query.ScopeFilter;
import dev.governor.query.SortField;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.testing.model.ModelKey;
import dev.governor.testing.model.OwnerModel;
import dev.governor.testing.model.ReferenceRules;
import dev.governor.testing.model.Rejection;
import dev.governor.testing.model.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Hostile calls of every paginated read: the entity, assignment, type and capability lists and the
 * governance-tree query, with page sizes out of range and cursors that are garbage, over-long,
 * issued for another list, filter or owner (the victim's), stale, or genuine. A genuine cursor must
 * continue exactly after the row it was issued for; anything else must be a validation error on
 * {@code after}. Not thread-safe.
 */
final class ReadOps {
  private final Fuzzer f;
  private final Hostile h;
  private final CatalogOps catalog;

  ReadOps(Fuzzer f, CatalogOps catalog) {
    this.f = f;
    this.h = f.h;
    this.catalog = catalog;
  }

  /** An expected page: the model's rows and whether more follow. */
  private record Expected<T>(List<T> items, boolean hasNext) {}

  private static <T> Expected<T> page(List<T> rows, int limit) {
    return new Expected<>(rows.subList(0, Math.min(limit, rows.size())), rows.size() > limit);
  }

  /** Null, a cursor this owner got from some list, or a foreign one. */
  private String cursor() {
    int pick = h.rnd.nextInt(10);
    if (pick < 5) {
      return null;
    }
    if (pick < 9 || !h.hostile(1)) {
      List<List<? extends Issued<?>>> all = List.of(f.entityCursors, f.assignmentCursors, f.typeCursors,
          f.capabilityCursors, f.queryCursors);
      List<? extends Issued<?>> some = all.get(h.rnd.nextInt(all.size()));
      if (!some.isEmpty()) {
        return h.oneOf(new ArrayList<Issued<?>>(some)).cursor();
      }
    }
    return h.chance(0.5) && !f.victimCursors.isEmpty() ? h.oneOf(f.victimCursors) : h.foreignCursor("victim");
  }

  /** The registered cursor with this text issued under {@code context}, or null (foreign or garbage). */
  private static <P> Issued<P> find(List<Issued<P>> issued, String cursor, String context) {
    for (Issued<P> i : issued) {
      if (i.cursor().equals(cursor) && i.context().equals(context)) {
        return i;
      }
    }
    return null;
  }

  private static void validPage(PageRequest page) {
    Rejection.unless(page != null, Violation.invalid("page"), "null page");
    Rejection.unless(ReferenceRules.pageLimit(page.limit()), Violation.invalid("limit"), "bad page size");
  }

  private PageRequest pageRequest(String after) {
    return h.hostile(0.01) ? null : new PageRequest(h.pageLimit(), after);
  }

  // ------------------------------------------------------------------ lists of ids

  /** Types and capabilities: lists of ids, ordered by id. */
  void listTypesOrCapabilities() {
    boolean types = h.rnd.nextBoolean();
    String context = types ? "types" : "capabilities";
    List<Issued<String>> issued = types ? f.typeCursors : f.capabilityCursors;
    String after = cursor();
    PageRequest page = pageRequest(after);
    Page<String> got = f.call(context + ".list", () -> context + ".list " + page,
        () -> idPage(types ? f.engine.entityTypes().list(page) : f.engine.capabilities().list(page), types),
        (m, r) -> {
          validPage(page);
          String from = position(issued, after, context);
          List<String> ids = new ArrayList<>(types ? m.types().keySet() : m.capabilities().keySet());
          ids.removeIf(id -> from != null && id.compareTo(from) <= 0);
          return page(ids, page.limit());
        }, (expected, actual, m) -> expected.items().equals(actual.items()) && expected.hasNext() == actual.hasNext()
            ? null : "expected " + expected + "\n    actual   " + actual);
    if (got != null && got.hasNext()) {
      Fuzzer.remember(issued, new Issued<>(got.nextCursor(), context, 0, got.items().get(got.items().size() - 1)));
    }
  }

  private static Page<String> idPage(Page<?> page, boolean types) {
    Function<Object, String> id = types ? o -> ((dev.governor.catalog.EntityType) o).id()
        : o -> ((dev.governor.catalog.Capability) o).id();
    return new Page<>(page.items().stream().map(id).toList(), page.nextCursor());
  }

  private static <P> P position(List<Issued<P>> issued, String after, String context) {
    if (after == null) {
      return null;
    }
    Issued<P> i = find(issued, after, context);
    Rejection.unless(i != null, Violation.invalid("after"), "a cursor not issued for this list");
    return i.position();
  }

  void listEntities() {
    String typeId = h.chance(0.7) ? null : h.id(Pools.TYPES, 0.1);
    boolean archived = h.rnd.nextBoolean();
    EntityFilter filter = h.hostile(0.01) ? null : new EntityFilter(typeId, archived);
    String context = Fuzzer.context("entities", typeId, archived);
    String after = cursor();
    PageRequest page = pageRequest(after);
    // The one-argument list is the same list with the default filter.
    boolean defaultFilter = EntityFilter.all().equals(filter) && h.rnd.nextBoolean();
    var got = f.call("entities.list", () -> "entities.list " + filter + " " + page,
        () -> defaultFilter ? f.engine.entities(f.owner).list(page) : f.engine.entities(f.owner).list(filter, page),
        (m, r) -> {
          Rejection.unless(filter != null, Violation.invalid("filter"), "null filter");
          Rejection.unless(typeId == null || ReferenceRules.id(typeId), Violation.invalidId("typeId", typeId),
              "bad type filter");
          validPage(page);
          String from = position(f.entityCursors, after, context);
          List<Entity> rows = new ArrayList<>();
          for (Entity e : m.ownerOrEmpty(f.owner).entities().values()) {
            if ((typeId == null || typeId.equals(e.typeId())) && (archived || !e.isArchived())
                && (from == null || e.id().compareTo(from) > 0)) {
              rows.add(e);
            }
          }
          return page(rows, page.limit());
        }, (expected, actual, m) -> expected.items().equals(actual.items()) && expected.hasNext() == actual.hasNext()
            ? null : "expected " + expected + "\n    actual   " + actual);
    if (got != null && got.hasNext()) {
      Fuzzer.remember(f.entityCursors, new Issued<>(got.nextCursor(), context, 0,
          got.items().get(got.items().size() - 1).id()));
    }
  }

  void listAssignments() {
    String entityId = h.chance(0.6) ? null : catalog.entityId();
    String capabilityId = h.chance(0.6) ? null : catalog.capabilityId();
    AssignmentFilter filter = h.hostile(0.01) ? null : new AssignmentFilter(entityId, capabilityId);
    String context = Fuzzer.context("assignments", entityId, capabilityId);
    String after = cursor();
    PageRequest page = pageRequest(after);
    boolean defaultFilter = AssignmentFilter.all().equals(filter) && h.rnd.nextBoolean();
    var got = f.call("assignments.list", () -> "assignments.list " + filter + " " + page,
        () -> defaultFilter ? f.engine.assignments(f.owner).list(page)
            : f.engine.assignments(f.owner).list(filter, page),
        (m, r) -> {
          Rejection.unless(filter != null, Violation.invalid("filter"), "null filter");
          Rejection.unless(entityId == null || ReferenceRules.id(entityId), Violation.invalidId("entityId", entityId),
              "bad entity filter");
          Rejection.unless(capabilityId == null || ReferenceRules.id(capabilityId),
              Violation.invalidId("capabilityId", capabilityId), "bad capability filter");
          validPage(page);
          Assignment from = position(f.assignmentCursors, after, context);
          ModelKey fromKey = from == null ? null : ModelKey.of(from.key());
          OwnerModel own = m.ownerOrEmpty(f.owner);
          List<Assignment> rows = new ArrayList<>();
          for (Assignment a : own.assignments()) {
            if ((entityId == null || entityId.equals(a.entityId()))
                && (capabilityId == null || capabilityId.equals(a.capabilityId()))
                && (fromKey == null || ModelKey.ORDER.compare(ModelKey.of(a.key()), fromKey) > 0)) {
              rows.add(a);
            }
          }
          return page(rows, page.limit());
        }, (expected, actual, m) -> expected.items().equals(actual.items()) && expected.hasNext() == actual.hasNext()
            ? null : "expected " + expected + "\n    actual   " + actual);
    if (got != null && got.hasNext()) {
      Fuzzer.remember(f.assignmentCursors, new Issued<>(got.nextCursor(), context, 0,
          got.items().get(got.items().size() - 1)));
    }
  }

  // ------------------------------------------------------------------ governance-tree query

  private TreeQuery randomQuery() {
    TreeQuery q = h.chance(0.3) ? TreeQuery.tree() : TreeQuery.budgets(ids(Pools.CAPABILITIES, 0.05));
    if (h.chance(0.3)) {
      q = q.entityTypes(ids(Pools.TYPES, 0.05));
    }
    if (h.chance(0.2)) {
      q = q.scope(h.hostile(0.05) ? null : h.oneOf(ScopeFilter.values()));
    }
    if (h.chance(0.2)) {
      q = q.minUtilization(h.oneOf(0.0, 0.5, 1.0, 2.0, Double.NaN, -1.0, Double.POSITIVE_INFINITY, 1e-9));
    }
    if (h.chance(0.3)) {
      q = q.search(h.chance(0.5) ? h.oneOf("e1", "E1", "x", "A.B", "name", "", "ü") : h.weird());
    }
    q = q.includeArchived(h.rnd.nextBoolean());
    if (h.chance(0.5)) {
      q = q.sortBy(h.chance(0.05) ? null : h.oneOf(SortField.values()));
    }
    if (h.chance(0.4)) {
      q = h.rnd.nextBoolean() ? q.ascending() : q.descending();
    }
    return q.limit(h.pageLimit());
  }

  private String[] ids(List<String> pool, double hostile) {
    if (h.hostile(0.02)) {
      return null;
    }
    String[] out = new String[h.between(1, 2)];
    for (int i = 0; i < out.length; i++) {
      out[i] = h.id(pool, hostile);
    }
    return out;
  }

  void query() {
    TreeQuery base;
    String after;
    if (h.chance(0.3) && !f.queryCursors.isEmpty()) {
      // Continue a query this owner ran before (genuine, unless the catalog changed since).
      Issued<TreeRow> prev = h.oneOf(f.queryCursors);
      base = f.queryOf(prev);
      after = prev.cursor();
      if (h.chance(0.3)) {
        base = base.limit(h.pageLimit());
      }
    } else {
      base = h.hostile(0.01) ? null : randomQuery();
      after = base == null ? null : cursor();
    }
    TreeQuery q = base == null ? null : base.after(after);
    var got = f.call("query", () -> "query " + q, () -> f.engine.query(f.owner, q), (m, r) -> {
      QueryModel.validate(m, f.owner, q);
      List<TreeRow> rows = QueryModel.rows(m.ownerOrEmpty(f.owner), q, f.now);
      if (after != null) {
        Issued<TreeRow> from = find(f.queryCursors, after, QueryModel.signature(q));
        Rejection.unless(from != null, Violation.invalid("after"), "a cursor not issued for this query");
        Rejection.unless(from.version() == m.ownerOrEmpty(f.owner).version(), Violation.invalid("after"),
            "a stale cursor (the catalog changed)");
        Comparator<TreeRow> order = QueryModel.order(QueryModel.sort(q));
        rows = rows.stream().filter(row -> order.compare(row, from.position()) > 0).toList();
      }
      return page(rows, q.limit());
    }, (expected, actual, m) -> expected.items().equals(actual.items()) && expected.hasNext() == actual.hasNext()
        ? null : "expected " + expected + "\n    actual   " + actual);
    if (got != null && got.hasNext()) {
      f.rememberQuery(q, got.nextCursor(), got.items().get(got.items().size() - 1));
    }
  }
}
