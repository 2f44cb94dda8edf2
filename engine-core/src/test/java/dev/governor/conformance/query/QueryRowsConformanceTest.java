package dev.governor.conformance.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.Cadence;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityUpsert;
import dev.governor.query.SortField;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.runtime.Subject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Budget rows: one per (entity, capability, scope) assignment, with every column (docs/semantics.md §8.2). */
public abstract class QueryRowsConformanceTest extends QueryConformanceBase {
  private static final String ORG = "org-acme";
  private static final String TEAM = "team-eng";
  private static final String ANN = "user-ann";
  private static final String MODEL = "model-gpt4o";

  private List<Entity> entities;

  @BeforeEach
  void seed() {
    seedCatalog();
    entities = createEntities(
        EntityUpsert.of(ORG).type("org").displayName("Acme Corp"),
        EntityUpsert.of(TEAM).type("team").displayName("Engineering").parent(ORG),
        EntityUpsert.of(ANN).type("user").parent(TEAM),
        EntityUpsert.of(MODEL).type("model").displayName("GPT-4o"));
    // Budgets are created later than their entities so a row's createdAt tells the two apart.
    tick();
  }

  @Test
  void query_budgetRows_carryEveryColumnOfAssignmentEntityAndLiveUsage() {
    Assignment org = createBudget(monthly(ORG, TOKENS, 1_000));
    tick();
    Assignment team = createBudget(AssignmentUpsert.of(TEAM, TOKENS).scope(MODEL).usageLimit(400).cadence("P1D"));
    tick();
    Assignment ann = createBudget(AssignmentUpsert.of(ANN, TOKENS).unlimited().cadence("PT1H"));
    // Ann calling gpt-4o resolves to {ann, team, org, model}: all three budgets apply.
    consume(OWNER, Subject.entities(ANN, MODEL), TOKENS, 100);

    List<TreeRow> rows = rows(TreeQuery.budgets(TOKENS).sortBy(SortField.ID));

    assertThat(rows).containsExactly(
        new TreeRow(ORG, "org", "Acme Corp", null, false, org.id(), TOKENS, Set.of(), 1_000L, null, null, 100L, 0L, 0.1,
            Cadence.parse("P1M"), null, JAN_1, FEB_1, org.createdAt()),
        new TreeRow(TEAM, "team", "Engineering", ORG, false, team.id(), TOKENS, Set.of(MODEL), 400L, null, null, 100L, 0L, 0.25,
            Cadence.parse("P1D"), null, Instant.parse("2026-01-15T00:00:00Z"), Instant.parse("2026-01-16T00:00:00Z"), team.createdAt()),
        new TreeRow(ANN, "user", null, TEAM, false, ann.id(), TOKENS, Set.of(), null, null, null, 100L, 0L, null,
            Cadence.parse("PT1H"), null, START, Instant.parse("2026-01-15T11:00:00Z"), ann.createdAt()));
  }

  @Test
  void query_budgetRow_createdAtIsTheAssignmentsNotTheEntitys() {
    Assignment org = createBudget(monthly(ORG, TOKENS, 1_000));

    TreeRow row = onlyRow(TreeQuery.budgets(TOKENS));

    assertThat(entities.get(0).createdAt()).as("precondition").isNotEqualTo(org.createdAt());
    assertThat(row.createdAt()).isEqualTo(org.createdAt());
  }

  @Test
  void query_entityWithSeveralBudgets_oneRowPerAssignmentEachWithTheEntitysParent() {
    List<Assignment> created = createBudgets(OWNER,
        monthly(TEAM, TOKENS, 100),
        monthly(TEAM, TOKENS, 50).scope(MODEL),
        monthly(TEAM, TOKENS, 20).scope(MODEL, ORG),
        monthly(TEAM, CALLS, 10));

    List<TreeRow> rows = rows(TreeQuery.budgets(TOKENS, CALLS));

    assertThat(rows).extracting(TreeRow::assignmentId)
        .containsExactlyInAnyOrderElementsOf(created.stream().map(Assignment::id).toList());
    assertThat(rows).extracting(TreeRow::parentId).containsOnly(ORG);
    assertThat(rows).extracting(TreeRow::scopeEntityIds)
        .containsExactlyInAnyOrder(Set.of(), Set.of(MODEL), Set.of(MODEL, ORG), Set.of());
  }

  @Test
  void query_budgetRow_scopeIsSortedWithoutDuplicates() {
    createBudget(monthly(TEAM, TOKENS, 100).scope(MODEL, ORG, MODEL));

    TreeRow row = onlyRow(TreeQuery.budgets(TOKENS));

    assertThat(row.scopeEntityIds()).containsExactly(MODEL, ORG);
  }

  @Test
  void query_budgetRow_showsCurrentLimitAfterAnUpdateAndKeepsUsage() {
    Assignment created = createBudget(monthly(ORG, TOKENS, 1_000));
    consume(ORG, TOKENS, 300);
    tick();
    createBudget(AssignmentUpsert.of(ORG, TOKENS).usageLimit(600));

    TreeRow row = onlyRow(TreeQuery.budgets(TOKENS));

    assertThat(row.usageLimit()).isEqualTo(600L);
    assertThat(row.currentUsage()).isEqualTo(300L);
    assertThat(row.utilization()).isEqualTo(0.5);
    assertThat(row.createdAt()).isEqualTo(created.createdAt());
  }
}
