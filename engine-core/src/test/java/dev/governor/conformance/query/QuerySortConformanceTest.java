package dev.governor.conformance.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.query.SortDirection;
import dev.governor.query.SortField;
import dev.governor.query.TreeQuery;
import dev.governor.runtime.Subject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sort fields, directions and their defaults, nulls last either way, and the tie-break by entity id,
 * then scope (element-wise, shorter first), then capability (docs/semantics.md §8.2). Expected orders are written
 * out by hand from the fixture table below.
 */
public abstract class QuerySortConformanceTest extends QueryConformanceBase {
  // label                        limit usage util  scope created
  private static final String A_T = "user-a/ai-tokens[]"; //            100   50    0.5   0     t2
  private static final String A_C = "user-a/api-calls[]"; //              2    1    0.5   0     t0
  private static final String B = "user-b/ai-tokens[]"; //               10    5    0.5   0     t3
  private static final String C = "user-c/ai-tokens[]"; //             null   70    null  0     t1
  private static final String D = "user-d/ai-tokens[]"; //                0    0    1.0   0     t4
  private static final String E = "user-e/ai-tokens[]"; //               40   60    1.5   0     t0
  private static final String F = "user-f/ai-tokens[]"; //             1000    0    0.0   0     t4
  private static final String G1 = "user-g/ai-tokens[m-1]"; //           24   12    0.5   1     t3
  private static final String G12 = "user-g/ai-tokens[m-1,m-2]"; //       4    2    0.5   2     t4
  private static final String G2 = "user-g/ai-tokens[m-2]"; //            4    2    0.5   1     t1
  private static final String H = "user-h/ai-tokens[]"; //             null    3    null  0     t2

  @BeforeEach
  void seed() {
    seedCatalog();
    // All roots, so usage reaches exactly the budgets named; m-1 and m-2 carry no budgets. User g
    // has only scoped budgets, so usage for g with m-1 reaches g[m-1] and nothing else.
    createEntities(Stream.of("user-a", "user-b", "user-c", "user-d", "user-e", "user-f", "user-g", "user-h")
            .map(id -> EntityUpsert.of(id).type("user")).toArray(EntityUpsert[]::new));
    createEntities(EntityUpsert.of("m-1").type("model"), EntityUpsert.of("m-2").type("model"));
    // Created out of id order, two per clock step, so creation time and id disagree.
    tick();
    createBudgets(OWNER, monthly("user-e", TOKENS, 40), monthly("user-a", CALLS, 2));
    tick();
    createBudgets(OWNER, monthly("user-g", TOKENS, 4).scope("m-2"), unlimitedMonthly("user-c", TOKENS));
    tick();
    createBudgets(OWNER, monthly("user-a", TOKENS, 100), unlimitedMonthly("user-h", TOKENS));
    tick();
    createBudgets(OWNER, monthly("user-b", TOKENS, 10), monthly("user-g", TOKENS, 24).scope("m-1"));
    tick();
    createBudgets(OWNER, monthly("user-f", TOKENS, 1_000), monthly("user-d", TOKENS, 0),
        AssignmentUpsert.of("user-g", TOKENS).scope("m-2", "m-1").usageLimit(4).cadence("P1M"));
    ingest("user-e", TOKENS, 60);
    ingest("user-a", TOKENS, 50);
    ingest("user-a", CALLS, 1);
    ingest("user-b", TOKENS, 5);
    ingest("user-c", TOKENS, 70);
    ingest("user-h", TOKENS, 3);
    ingest(OWNER, Subject.entities("user-g", "m-1"), TOKENS, 10);
    ingest(OWNER, Subject.entities("user-g", "m-1", "m-2"), TOKENS, 2);
  }

  static Stream<Arguments> orders() {
    return Stream.of(
        Arguments.of(SortField.UTILIZATION, SortDirection.DESC, List.of(E, D, A_T, A_C, B, G1, G12, G2, F, C, H)),
        Arguments.of(SortField.UTILIZATION, SortDirection.ASC, List.of(F, A_T, A_C, B, G1, G12, G2, D, E, C, H)),
        Arguments.of(SortField.CURRENT_USAGE, SortDirection.DESC, List.of(C, E, A_T, G1, B, H, G12, G2, A_C, D, F)),
        Arguments.of(SortField.CURRENT_USAGE, SortDirection.ASC, List.of(D, F, A_C, G12, G2, H, B, G1, A_T, E, C)),
        Arguments.of(SortField.USAGE_LIMIT, SortDirection.DESC, List.of(F, A_T, E, G1, B, G12, G2, A_C, D, C, H)),
        Arguments.of(SortField.USAGE_LIMIT, SortDirection.ASC, List.of(D, A_C, G12, G2, B, G1, E, A_T, F, C, H)),
        Arguments.of(SortField.SCOPE_SIZE, SortDirection.DESC, List.of(G12, G1, G2, A_T, A_C, B, C, D, E, F, H)),
        Arguments.of(SortField.SCOPE_SIZE, SortDirection.ASC, List.of(A_T, A_C, B, C, D, E, F, H, G1, G2, G12)),
        Arguments.of(SortField.ID, SortDirection.ASC, List.of(A_T, A_C, B, C, D, E, F, G1, G12, G2, H)),
        Arguments.of(SortField.ID, SortDirection.DESC, List.of(H, G1, G12, G2, F, E, D, C, B, A_T, A_C)),
        Arguments.of(SortField.CREATED_AT, SortDirection.ASC, List.of(A_C, E, C, G2, A_T, H, B, G1, D, F, G12)),
        Arguments.of(SortField.CREATED_AT, SortDirection.DESC, List.of(D, F, G12, B, G1, A_T, H, C, G2, A_C, E)));
  }

  private static TreeQuery sorted(SortField field, SortDirection direction) {
    TreeQuery q = TreeQuery.budgets(TOKENS, CALLS).sortBy(field);
    return direction == SortDirection.ASC ? q.ascending() : q.descending();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("orders")
  void sort_fieldAndDirection_exactOrderWithNullsLastAndTieBreaks(SortField field, SortDirection direction,
      List<String> expected) {
    assertThat(labels(sorted(field, direction))).containsExactlyElementsOf(expected);
  }

  /**
   * Pages of 1 to 3 rows fill the page's bounded heap after a few rows, so every later row meets the
   * skip test that compares it with the worst row kept; the fixture's six budgets tied at 0.5, its
   * unlimited budgets and its zero-limit budget must still come out exactly once and in order.
   */
  static Stream<Arguments> smallPages() {
    return orders().flatMap(order -> Stream.of(1, 2, 3).map(size -> Arguments.of(order.get()[0], order.get()[1],
        order.get()[2], size)));
  }

  @ParameterizedTest(name = "{0} {1}, pages of {3}")
  @MethodSource("smallPages")
  void walk_pagesSmallerThanTheTies_sameOrderAsOnePage(SortField field, SortDirection direction,
      List<String> expected, int pageSize) {
    List<String> walked = walk(engine, OWNER, sorted(field, direction), pageSize).stream()
        .map(QueryConformanceBase::label).toList();

    assertThat(walked).containsExactlyElementsOf(expected);
  }

  @Test
  void sort_none_utilizationDescending() {
    assertThat(labels(TreeQuery.budgets(TOKENS, CALLS))).containsExactly(E, D, A_T, A_C, B, G1, G12, G2, F, C, H);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("budgetFields")
  void sortBy_budgetField_descendingByDefault(SortField field) {
    assertThat(labels(TreeQuery.budgets(TOKENS, CALLS).sortBy(field)))
        .containsExactlyElementsOf(labels(sorted(field, SortDirection.DESC)));
  }

  static Stream<SortField> budgetFields() {
    return Stream.of(SortField.UTILIZATION, SortField.CURRENT_USAGE, SortField.USAGE_LIMIT, SortField.SCOPE_SIZE);
  }

  @Test
  void sortBy_id_ascendingByDefault() {
    assertThat(labels(TreeQuery.budgets(TOKENS, CALLS).sortBy(SortField.ID)))
        .containsExactly(A_T, A_C, B, C, D, E, F, G1, G12, G2, H);
  }

  @Test
  void sortBy_createdAt_ascendingByDefault() {
    assertThat(labels(TreeQuery.budgets(TOKENS, CALLS).sortBy(SortField.CREATED_AT)))
        .containsExactly(A_C, E, C, G2, A_T, H, B, G1, D, F, G12);
  }

  @Test
  void direction_withoutSortField_appliesToUtilization() {
    assertThat(labels(TreeQuery.budgets(TOKENS, CALLS).ascending()))
        .containsExactly(F, A_T, A_C, B, G1, G12, G2, D, E, C, H);
  }
}
