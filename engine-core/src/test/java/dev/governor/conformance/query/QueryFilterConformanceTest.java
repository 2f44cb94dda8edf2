package dev.governor.conformance.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.NotFoundException;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.query.ScopeFilter;
import dev.governor.query.SortField;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.runtime.Subject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Budget-row filters: capabilities, entity types, scope, minimum utilization and archived (docs/semantics.md §8.2).
 * Search has its own class.
 */
public abstract class QueryFilterConformanceTest extends QueryConformanceBase {
  private static final String ORG = "org-acme";
  private static final String ENG = "team-eng";
  private static final String OPS = "team-ops";
  private static final String ANN = "user-ann";
  private static final String BOB = "user-bob";
  private static final String MODEL = "model-gpt4o";

  // Every budget of the fixture with its usage after seed() (see the ingests there):
  private static final String ORG_TOKENS = "org-acme/ai-tokens[]"; // 160 / 1000 = 0.16
  private static final String ORG_CALLS = "org-acme/api-calls[]"; // 10 / 100 = 0.1
  private static final String ENG_TOKENS = "team-eng/ai-tokens[]"; // 130 / 200 = 0.65
  private static final String ENG_GPT4O = "team-eng/ai-tokens[model-gpt4o]"; // 50 / 50 = 1.0
  private static final String OPS_TOKENS = "team-ops/ai-tokens[]"; // 30 / unlimited = null
  private static final String ANN_TOKENS = "user-ann/ai-tokens[]"; // 80 / 100 = 0.8
  private static final String BOB_CALLS = "user-bob/api-calls[]"; // 10 / 10 = 1.0
  private static final String MODEL_TOKENS = "model-gpt4o/ai-tokens[]"; // 50 / 500 = 0.1

  @BeforeEach
  void seed() {
    seedCatalog();
    createEntities(
        EntityUpsert.of(ORG).type("org").displayName("Acme Corp"),
        EntityUpsert.of(ENG).type("team").displayName("Engineering").parent(ORG),
        EntityUpsert.of(OPS).type("team").displayName("Operations").parent(ORG),
        EntityUpsert.of(ANN).type("user").displayName("Ann Lee").parent(ENG),
        EntityUpsert.of(BOB).type("user"),
        EntityUpsert.of(MODEL).type("model").displayName("GPT-4o"));
    createBudgets(OWNER,
        monthly(ORG, TOKENS, 1_000),
        monthly(ORG, CALLS, 100),
        monthly(ENG, TOKENS, 200),
        monthly(ENG, TOKENS, 50).scope(MODEL),
        unlimitedMonthly(OPS, TOKENS),
        monthly(ANN, TOKENS, 100),
        monthly(BOB, CALLS, 10),
        monthly(MODEL, TOKENS, 500));
    // Ann's usage reaches ann, team-eng and org; team-eng with gpt-4o reaches team-eng (both
    // budgets), org and the model; team-ops reaches team-ops and org.
    ingest(OWNER, Subject.entity(ANN), TOKENS, 80);
    ingest(OWNER, Subject.entities(ENG, MODEL), TOKENS, 50);
    ingest(OWNER, Subject.entity(OPS), TOKENS, 30);
    ingest(OWNER, Subject.entity(ORG), CALLS, 10);
    ingest(OWNER, Subject.entity(BOB), CALLS, 10);
  }

  @Test
  void fixture_usage_isAsDocumented() {
    List<TreeRow> rows = rows(TreeQuery.budgets(TOKENS, CALLS).sortBy(SortField.ID));

    assertThat(rows).extracting(QueryConformanceBase::label).containsExactly(MODEL_TOKENS, ORG_TOKENS, ORG_CALLS,
        ENG_TOKENS, ENG_GPT4O, OPS_TOKENS, ANN_TOKENS, BOB_CALLS);
    assertThat(rows).extracting(TreeRow::currentUsage).containsExactly(50L, 160L, 10L, 130L, 50L, 30L, 80L, 10L);
    assertThat(rows).extracting(TreeRow::utilization).containsExactly(0.1, 0.16, 0.1, 0.65, 1.0, null, 0.8, 1.0);
  }

  @Test
  void capabilityIds_one_onlyThatCapabilitysBudgets() {
    assertThat(labels(TreeQuery.budgets(CALLS))).containsExactlyInAnyOrder(ORG_CALLS, BOB_CALLS);
    assertThat(labels(TreeQuery.budgets(TOKENS))).containsExactlyInAnyOrder(
        ORG_TOKENS, ENG_TOKENS, ENG_GPT4O, OPS_TOKENS, ANN_TOKENS, MODEL_TOKENS);
  }

  @Test
  void capabilityIds_several_budgetsOfAnyOfThem() {
    assertThat(labels(TreeQuery.budgets(TOKENS, CALLS))).containsExactlyInAnyOrder(
        ORG_TOKENS, ORG_CALLS, ENG_TOKENS, ENG_GPT4O, OPS_TOKENS, ANN_TOKENS, BOB_CALLS, MODEL_TOKENS);
  }

  @Test
  void capabilityIds_knownWithoutBudgets_emptyPage() {
    engine.capabilities().upsert(List.of(CapabilityUpsert.meter("seats")));

    assertThat(page(TreeQuery.budgets("seats")).items()).isEmpty();
    assertThat(page(TreeQuery.budgets("seats")).nextCursor()).isNull();
  }

  @Test
  void capabilityIds_unknown_notFoundNamingItsPosition() {
    NotFoundException e = expectNotFound("capabilityIds[1]", () -> page(TreeQuery.budgets(TOKENS, "gpu-hours")));

    assertThat(e.kind()).isEqualTo("capability");
    assertThat(e.getMessage()).contains("gpu-hours");
  }

  @Test
  void entityTypeIds_one_onlyBudgetsOfEntitiesOfThatType() {
    assertThat(labels(TreeQuery.budgets(TOKENS, CALLS).entityTypes("team")))
        .containsExactlyInAnyOrder(ENG_TOKENS, ENG_GPT4O, OPS_TOKENS);
  }

  @Test
  void entityTypeIds_several_budgetsOfEntitiesOfAnyOfThem() {
    assertThat(labels(TreeQuery.budgets(TOKENS, CALLS).entityTypes("user", "model")))
        .containsExactlyInAnyOrder(ANN_TOKENS, BOB_CALLS, MODEL_TOKENS);
  }

  @Test
  void entityTypeIds_unknown_notFoundNamingItsPosition() {
    NotFoundException e = expectNotFound("entityTypeIds[1]",
        () -> page(TreeQuery.budgets(TOKENS).entityTypes("team", "robot")));

    assertThat(e.kind()).isEqualTo("entity type");
    assertThat(e.getMessage()).contains("robot");
  }

  @Test
  void scope_nodeWide_onlyBudgetsWithoutScope() {
    assertThat(labels(TreeQuery.budgets(TOKENS).scope(ScopeFilter.NODE_WIDE))).containsExactlyInAnyOrder(
        ORG_TOKENS, ENG_TOKENS, OPS_TOKENS, ANN_TOKENS, MODEL_TOKENS);
  }

  @Test
  void scope_scoped_onlyBudgetsWithScope() {
    assertThat(labels(TreeQuery.budgets(TOKENS).scope(ScopeFilter.SCOPED))).containsExactly(ENG_GPT4O);
  }

  @Test
  void scope_all_bothKinds() {
    assertThat(labels(TreeQuery.budgets(TOKENS).scope(ScopeFilter.ALL))).containsExactlyInAnyOrder(
        ORG_TOKENS, ENG_TOKENS, ENG_GPT4O, OPS_TOKENS, ANN_TOKENS, MODEL_TOKENS);
  }

  @Test
  void minUtilization_bound_keepsRowsAtOrAboveItInclusive() {
    // Ann is exactly at 0.8: the bound is inclusive.
    assertThat(labels(TreeQuery.budgets(TOKENS, CALLS).minUtilization(0.8)))
        .containsExactlyInAnyOrder(ENG_GPT4O, ANN_TOKENS, BOB_CALLS);
  }

  @Test
  void minUtilization_zero_keepsEveryLimitedRowButNoUnlimitedOne() {
    assertThat(labels(TreeQuery.budgets(TOKENS, CALLS).minUtilization(0))).containsExactlyInAnyOrder(
        ORG_TOKENS, ORG_CALLS, ENG_TOKENS, ENG_GPT4O, ANN_TOKENS, BOB_CALLS, MODEL_TOKENS);
  }

  @Test
  void minUtilization_aboveEveryRow_emptyPage() {
    assertThat(rows(TreeQuery.budgets(TOKENS, CALLS).minUtilization(1.01))).isEmpty();
  }

  @Test
  void minUtilization_positiveInfinity_keepsOnlyUsedZeroLimitBudgets() {
    createBudget(monthly(BOB, TOKENS, 0));
    ingest(BOB, TOKENS, 1);

    assertThat(labels(TreeQuery.budgets(TOKENS, CALLS).minUtilization(Double.POSITIVE_INFINITY)))
        .containsExactly("user-bob/ai-tokens[]");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, -0.01, -1, Double.NEGATIVE_INFINITY})
  void minUtilization_nanOrNegative_validation(double bound) {
    expectValidation("minUtilization", () -> page(TreeQuery.budgets(TOKENS).minUtilization(bound)));
  }

  @Test
  void archived_byDefault_budgetsOfArchivedEntitiesAreLeftOut() {
    engine.entities(OWNER).archive(List.of(ENG));

    // Ann's own budget stays: only the archived entity's rows go.
    assertThat(labels(TreeQuery.budgets(TOKENS))).containsExactlyInAnyOrder(
        ORG_TOKENS, OPS_TOKENS, ANN_TOKENS, MODEL_TOKENS);
  }

  @Test
  void archived_includeArchived_returnsThemMarkedArchived() {
    engine.entities(OWNER).archive(List.of(ENG));

    List<TreeRow> rows = rows(TreeQuery.budgets(TOKENS).includeArchived(true).entityTypes("team"));

    assertThat(rows).extracting(QueryConformanceBase::label).containsExactlyInAnyOrder(ENG_TOKENS, ENG_GPT4O, OPS_TOKENS);
    assertThat(rows).filteredOn(r -> r.entityId().equals(ENG)).extracting(TreeRow::archived).containsOnly(true);
    assertThat(rows).filteredOn(r -> r.entityId().equals(OPS)).extracting(TreeRow::archived).containsOnly(false);
  }

  @Test
  void archived_afterUnarchive_returnsAgain() {
    engine.entities(OWNER).archive(List.of(ENG));
    engine.entities(OWNER).unarchive(List.of(ENG));

    assertThat(labels(TreeQuery.budgets(TOKENS).entityTypes("team")))
        .containsExactlyInAnyOrder(ENG_TOKENS, ENG_GPT4O, OPS_TOKENS);
  }

  @Test
  void filters_combined_rowsMatchingEveryOne() {
    TreeQuery query = TreeQuery.budgets(TOKENS, CALLS).entityTypes("team", "user")
        .scope(ScopeFilter.NODE_WIDE).minUtilization(0.7);

    assertThat(labels(query)).containsExactlyInAnyOrder(ANN_TOKENS, BOB_CALLS);
  }
}
