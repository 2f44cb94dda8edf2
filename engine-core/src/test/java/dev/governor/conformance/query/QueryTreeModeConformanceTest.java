package dev.governor.conformance.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.NotFoundException;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityUpsert;
import dev.governor.query.ScopeFilter;
import dev.governor.query.SortField;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tree mode (no capability ids): one row per entity with its parent, type, name and creation time and
 * no budget columns; filters by type, search and archived; sorts by id or creation time (docs/semantics.md §8.2).
 */
public abstract class QueryTreeModeConformanceTest extends QueryConformanceBase {
  private static final String ORG = "org-acme";
  private static final String ENG = "team-eng";
  private static final String ANN = "user-ann";
  private static final String BOB = "user-bob";
  private static final String MODEL = "model-gpt4o";

  private Entity org;
  private Entity eng;
  private Entity model;
  private Entity ann;
  private Entity bob;

  @BeforeEach
  void seed() {
    seedCatalog();
    // Created in three steps, out of id order, so creation time and id disagree.
    List<Entity> first = createEntities(
        EntityUpsert.of(ORG).type("org").displayName("Acme Corp"),
        EntityUpsert.of(MODEL).type("model").displayName("GPT-4o"));
    tick();
    List<Entity> second = createEntities(
        EntityUpsert.of(BOB).type("user"),
        EntityUpsert.of(ENG).type("team").displayName("Engineering").parent(ORG));
    tick();
    ann = createEntities(EntityUpsert.of(ANN).type("user").displayName("Ann Lee").parent(ENG)).get(0);
    org = first.get(0);
    model = first.get(1);
    bob = second.get(0);
    eng = second.get(1);
    // Budgets must not turn into extra rows in tree mode; bob has none and still gets a row.
    tick();
    createBudgets(OWNER, monthly(ORG, TOKENS, 1_000), monthly(ORG, CALLS, 10), monthly(ENG, TOKENS, 100).scope(MODEL));
    consume(ANN, TOKENS, 10);
  }

  private static TreeRow row(Entity e) {
    return new TreeRow(e.id(), e.typeId(), e.displayName(), e.parentId(), e.isArchived(), null, null, Set.of(),
        null, null, null, null, null, null, null, null, null, null, e.createdAt());
  }

  private List<String> ids(TreeQuery query) {
    return rows(query).stream().map(TreeRow::entityId).toList();
  }

  @Test
  void tree_entities_oneRowPerEntityWithoutBudgetColumnsSortedById() {
    assertThat(rows(TreeQuery.tree())).containsExactly(row(model), row(org), row(eng), row(ann), row(bob));
  }

  @Test
  void tree_rowCreatedAt_isTheEntitysCreationTime() {
    assertThat(rows(TreeQuery.tree())).extracting(TreeRow::createdAt).containsExactly(
        model.createdAt(), org.createdAt(), eng.createdAt(), ann.createdAt(), bob.createdAt());
    assertThat(org.createdAt()).as("precondition: distinct times").isBefore(eng.createdAt());
  }

  @Test
  void tree_capabilitiesWithoutIds_isTreeMode() {
    assertThat(rows(TreeQuery.budgets())).containsExactly(row(model), row(org), row(eng), row(ann), row(bob));
  }

  @Test
  void sort_idDescending_reverseIdOrder() {
    assertThat(ids(TreeQuery.tree().descending())).containsExactly(BOB, ANN, ENG, ORG, MODEL);
    assertThat(ids(TreeQuery.tree().sortBy(SortField.ID).descending())).containsExactly(BOB, ANN, ENG, ORG, MODEL);
  }

  @Test
  void sort_createdAt_ascendingByDefaultTiesByEntityId() {
    assertThat(ids(TreeQuery.tree().sortBy(SortField.CREATED_AT))).containsExactly(MODEL, ORG, ENG, BOB, ANN);
  }

  @Test
  void sort_createdAtDescending_newestFirstTiesByEntityId() {
    assertThat(ids(TreeQuery.tree().sortBy(SortField.CREATED_AT).descending()))
        .containsExactly(ANN, ENG, BOB, MODEL, ORG);
  }

  @Test
  void entityTypeIds_several_onlyEntitiesOfThoseTypes() {
    assertThat(ids(TreeQuery.tree().entityTypes("user", "org"))).containsExactly(ORG, ANN, BOB);
  }

  @Test
  void entityTypeIds_unknown_notFound() {
    NotFoundException e = expectNotFound("entityTypeIds[0]", () -> page(TreeQuery.tree().entityTypes("robot")));

    assertThat(e.kind()).isEqualTo("entity type");
  }

  @Test
  void search_idOrDisplayNameCaseInsensitive_matches() {
    assertThat(ids(TreeQuery.tree().search("ACME"))).containsExactly(ORG);
    assertThat(ids(TreeQuery.tree().search("engineer"))).containsExactly(ENG);
    assertThat(ids(TreeQuery.tree().search("user-"))).containsExactly(ANN, BOB);
    assertThat(ids(TreeQuery.tree().search("4o"))).containsExactly(MODEL);
  }

  @Test
  void archived_byDefault_leftOut() {
    engine.entities(OWNER).archive(List.of(ENG));

    // Ann keeps her parent link to the archived team and is still listed.
    assertThat(ids(TreeQuery.tree())).containsExactly(MODEL, ORG, ANN, BOB);
  }

  @Test
  void archived_includeArchived_listedAndMarked() {
    engine.entities(OWNER).archive(List.of(ENG));
    Entity archived = engine.entities(OWNER).get(ENG).orElseThrow();

    assertThat(rows(TreeQuery.tree().includeArchived(true)))
        .containsExactly(row(model), row(org), row(archived), row(ann), row(bob));
    assertThat(row(archived).archived()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(value = SortField.class, names = {"UTILIZATION", "CURRENT_USAGE", "USAGE_LIMIT", "SCOPE_SIZE"})
  void sortBy_budgetOnlyField_validation(SortField field) {
    expectValidation("sort", () -> page(TreeQuery.tree().sortBy(field)));
  }

  @Test
  void minUtilization_inTreeMode_validation() {
    expectValidation("minUtilization", () -> page(TreeQuery.tree().minUtilization(0.5)));
  }

  @ParameterizedTest
  @EnumSource(value = ScopeFilter.class, names = {"NODE_WIDE", "SCOPED"})
  void scope_notAllInTreeMode_validation(ScopeFilter scope) {
    expectValidation("scope", () -> page(TreeQuery.tree().scope(scope)));
  }

  @Test
  void scope_allInTreeMode_accepted() {
    assertThat(ids(TreeQuery.tree().scope(ScopeFilter.ALL))).containsExactly(MODEL, ORG, ENG, ANN, BOB);
  }
}
