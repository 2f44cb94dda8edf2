package dev.governor.conformance.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.Page;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.query.SortField;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Page size (1..100, default 20) and page-by-page walks over a small owner. The 10,000-budget walks
 * are in {@link QueryLargePagingConformanceTest}.
 */
public abstract class QueryPagingConformanceTest extends QueryConformanceBase {
  /** 25 users with one tokens budget each, in five utilization groups of five (ties to break). */
  private static final int USERS = 25;

  @BeforeEach
  void seed() {
    seedCatalog();
    createEntities(IntStream.range(0, USERS).mapToObj(i -> EntityUpsert.of(user(i)).type("user"))
        .toArray(EntityUpsert[]::new));
    createBudgets(OWNER, IntStream.range(0, USERS).mapToObj(i -> monthly(user(i), TOKENS, 10))
        .toArray(AssignmentUpsert[]::new));
    for (int i = 0; i < USERS; i++) {
      if (i % 5 > 0) {
        consume(user(i), TOKENS, i % 5);
      }
    }
  }

  private static String user(int i) {
    return String.format("user-%02d", i);
  }

  @Test
  void limit_default_twentyRowsThenTheRest() {
    Page<TreeRow> first = page(TreeQuery.budgets(TOKENS));
    Page<TreeRow> second = page(TreeQuery.budgets(TOKENS).after(first.nextCursor()));

    assertThat(TreeQuery.budgets(TOKENS).limit()).isEqualTo(20);
    assertThat(first.items()).hasSize(20);
    assertThat(first.nextCursor()).isNotNull();
    assertThat(second.items()).hasSize(5);
    assertThat(second.nextCursor()).isNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 101, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void limit_outsideOneToHundred_validation(int limit) {
    expectValidation("limit", () -> page(TreeQuery.budgets(TOKENS).limit(limit)));
    expectValidation("limit", () -> page(TreeQuery.tree().limit(limit)));
  }

  @Test
  void limit_one_oneRowWithCursor() {
    Page<TreeRow> page = page(TreeQuery.budgets(TOKENS).sortBy(SortField.ID).limit(1));

    assertThat(page.items()).extracting(TreeRow::entityId).containsExactly("user-00");
    assertThat(page.nextCursor()).isNotNull();
  }

  @Test
  void limit_hundred_everyRowWithoutCursor() {
    Page<TreeRow> page = page(TreeQuery.budgets(TOKENS).limit(100));

    assertThat(page.items()).hasSize(USERS);
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void limit_exactlyTheRowCount_noCursorAndNoEmptyPage() {
    Page<TreeRow> page = page(TreeQuery.budgets(TOKENS).limit(USERS));

    assertThat(page.items()).hasSize(USERS);
    assertThat(page.nextCursor()).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(SortField.class)
  void walk_everyPageSize_sameRowsInTheSameOrderAsOnePage(SortField field) {
    List<TreeRow> onePage = rows(TreeQuery.budgets(TOKENS).sortBy(field));
    assertThat(onePage).hasSize(USERS);

    for (int limit = 1; limit <= USERS; limit++) {
      assertThat(walk(engine, OWNER, TreeQuery.budgets(TOKENS).sortBy(field), limit)).as("page size %d", limit)
          .containsExactlyElementsOf(onePage);
      assertThat(walk(engine, OWNER, TreeQuery.budgets(TOKENS).sortBy(field).ascending(), limit))
          .as("ascending, page size %d", limit)
          .containsExactlyElementsOf(rows(TreeQuery.budgets(TOKENS).sortBy(field).ascending()));
    }
  }

  @Test
  void walk_byUtilization_groupsInOrderTiesById() {
    List<String> ids = walk(engine, OWNER, TreeQuery.budgets(TOKENS), 3).stream().map(TreeRow::entityId).toList();

    // Usage i % 5 of 10: the group with usage 4 first, each group by id.
    assertThat(ids).containsExactly(
        "user-04", "user-09", "user-14", "user-19", "user-24",
        "user-03", "user-08", "user-13", "user-18", "user-23",
        "user-02", "user-07", "user-12", "user-17", "user-22",
        "user-01", "user-06", "user-11", "user-16", "user-21",
        "user-00", "user-05", "user-10", "user-15", "user-20");
  }

  @Test
  void walk_treeModeEveryPageSize_sameEntitiesInIdOrder() {
    List<String> expected = IntStream.range(0, USERS).mapToObj(QueryPagingConformanceTest::user).toList();

    for (int limit = 1; limit <= USERS; limit++) {
      assertThat(walk(engine, OWNER, TreeQuery.tree(), limit)).as("page size %d", limit)
          .extracting(TreeRow::entityId).containsExactlyElementsOf(expected);
    }
  }
}
