package dev.governor.conformance.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.Page;
import dev.governor.ValidationException;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.conformance.BackAndForth;
import dev.governor.query.SortField;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Query pages backward ({@code before} a page's previous cursor), for every sort field in both
 * directions: the rows right before, in query order, with nulls (unlimited budgets) and ties where
 * the forward walk has them.
 */
public abstract class QueryBackwardPagingConformanceTest extends QueryConformanceBase {
  /** 23 users: a tokens budget each (every fifth unlimited), usage in groups of ties. */
  private static final int USERS = 23;

  @BeforeEach
  void seed() {
    seedCatalog();
    createEntities(IntStream.range(0, USERS).mapToObj(i -> EntityUpsert.of(user(i)).type("user"))
        .toArray(EntityUpsert[]::new));
    createBudgets(OWNER, IntStream.range(0, USERS)
        .mapToObj(i -> i % 5 == 4 ? unlimitedMonthly(user(i), TOKENS) : monthly(user(i), TOKENS, 10 + i % 3))
        .toArray(AssignmentUpsert[]::new));
    for (int i = 0; i < USERS; i++) {
      if (i % 4 > 0) {
        consume(user(i), TOKENS, i % 4);
      }
    }
  }

  private static String user(int i) {
    return String.format("user-%02d", i);
  }

  private BackAndForth.Lister<TreeRow> lister(TreeQuery query, int limit) {
    return (after, before) -> {
      TreeQuery q = query.limit(limit);
      return page(before != null ? q.before(before) : after != null ? q.after(after) : q);
    };
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SortField.class)
  void before_everySortBothDirections_mirrorsForward(SortField field) {
    for (int limit : new int[] {1, 4, 10}) {
      for (TreeQuery q : List.of(TreeQuery.budgets(TOKENS).sortBy(field).descending(),
          TreeQuery.budgets(TOKENS).sortBy(field).ascending())) {
        List<TreeRow> all = BackAndForth.check(lister(q, limit), limit, q.direction() + " page size " + limit);

        assertThat(all).as("%s, page size %d", q.direction(), limit).isEqualTo(rows(q.limit(100)));
      }
    }
  }

  @Test
  void before_treeMode_mirrorsForwardInIdOrder() {
    List<TreeRow> all = BackAndForth.check(lister(TreeQuery.tree(), 6), 6, "tree");

    assertThat(all).extracting(TreeRow::entityId)
        .containsExactlyElementsOf(IntStream.range(0, USERS).mapToObj(QueryBackwardPagingConformanceTest::user).toList());
  }

  @Test
  void before_filteredQuery_mirrorsForwardWithinTheFilter() {
    TreeQuery q = TreeQuery.budgets(TOKENS).minUtilization(0.1).search("user-1");

    List<TreeRow> all = BackAndForth.check(lister(q, 2), 2, "filtered");

    assertThat(all).isNotEmpty().isEqualTo(rows(q.limit(100)));
  }

  @Test
  void before_withAfter_validationBefore() {
    String cursor = page(TreeQuery.budgets(TOKENS).limit(3)).nextCursor();

    expectValidation("before", () -> page(new TreeQuery(TreeQuery.budgets(TOKENS).capabilityIds(), java.util.Set.of(),
        dev.governor.query.ScopeFilter.ALL, null, null, false, null, null, 3, cursor, cursor)));
  }

  @Test
  void before_staleOrForeignCursor_validationBefore() {
    String cursor = page(TreeQuery.budgets(TOKENS).limit(3)).nextCursor();

    expectValidation("before", () -> page(TreeQuery.budgets(TOKENS).ascending().limit(3).before(cursor)));
    createBudgets(OWNER, monthly(user(0), CALLS, 5));
    ValidationException e = expectValidation("before", () -> page(TreeQuery.budgets(TOKENS).limit(3).before(cursor)));
    assertThat(e.getMessage()).contains("stale");
  }

  @Test
  void before_cursorOfTheFirstRow_emptyPageWithoutCursors() {
    String firstRow = page(TreeQuery.budgets(TOKENS).limit(1)).nextCursor();

    Page<TreeRow> page = page(TreeQuery.budgets(TOKENS).limit(5).before(firstRow));

    assertThat(page.items()).isEmpty();
    assertThat(page.hasNext()).isFalse();
    assertThat(page.hasPrevious()).isFalse();
  }
}
