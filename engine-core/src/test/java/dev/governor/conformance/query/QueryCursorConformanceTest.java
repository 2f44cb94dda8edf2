package dev.governor.conformance.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.Page;
import dev.governor.PageRequest;
import dev.governor.ValidationException;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.query.ScopeFilter;
import dev.governor.query.SortField;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.runtime.Subject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cursors are opaque and bound to their owner, list and query shape; a catalog change of the owner
 * makes them stale, a usage change does not. Every refusal is a validation error on {@code after}.
 */
public abstract class QueryCursorConformanceTest extends QueryConformanceBase {
  private static final String FOREIGN = "issued for another list, owner or filter";
  private static final String ORG = "org-acme";
  private static final List<String> USERS = List.of("user-a", "user-b", "user-c", "user-d", "user-e");

  /** The query every test pages through: tokens budgets by id, two per page. */
  private static final TreeQuery BY_ID = TreeQuery.budgets(TOKENS).sortBy(SortField.ID).limit(2);

  @BeforeEach
  void seed() {
    seedCatalog();
    // Both owners hold the same five budgets, so only the owner tells their cursors apart.
    for (String owner : List.of(OWNER, OTHER_OWNER)) {
      createEntities(owner, EntityUpsert.of(ORG).type("org"));
      createEntities(owner, USERS.stream().map(u -> EntityUpsert.of(u).type("user").parent(ORG))
          .toArray(EntityUpsert[]::new));
      createBudgets(owner, USERS.stream().map(u -> monthly(u, TOKENS, 100)).toArray(AssignmentUpsert[]::new));
    }
  }

  private String firstCursor(TreeQuery query) {
    Page<TreeRow> first = page(query);
    assertThat(first.nextCursor()).as("precondition: a second page exists").isNotNull();
    return first.nextCursor();
  }

  private static ValidationException assertRefused(Runnable call) {
    return expectValidation("after", call::run);
  }

  @Test
  void cursor_fromFirstPage_continuesWithTheNextRows() {
    Page<TreeRow> second = page(BY_ID.after(firstCursor(BY_ID)));

    assertThat(second.items()).extracting(TreeRow::entityId).containsExactly("user-c", "user-d");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "garbage", "!!!!", "AAAA", "eyJwYWdlIjoyfQ", "Z2FyYmFnZQ=="})
  void cursor_garbage_validation(String cursor) {
    assertRefused(() -> page(BY_ID.after(cursor)));
  }

  @Test
  void cursor_base64OfTextThatIsNoCursor_validation() {
    String fake = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("page 2 of org-acme".getBytes(StandardCharsets.UTF_8));

    assertRefused(() -> page(BY_ID.after(fake)));
  }

  @Test
  void cursor_fromAnotherOwner_foreign() {
    String theirs = engine.query(OTHER_OWNER, BY_ID).nextCursor();

    ValidationException e = assertRefused(() -> page(BY_ID.after(theirs)));

    assertThat(e.getMessage()).contains(FOREIGN);
  }

  @Test
  void cursor_usedForAnOwnerWithoutData_foreign() {
    String mine = firstCursor(BY_ID);

    ValidationException e = assertRefused(() -> engine.query("cus-nobody", BY_ID.after(mine)));

    assertThat(e.getMessage()).contains(FOREIGN);
  }

  @Test
  void cursor_fromTheEntityList_foreign() {
    String listCursor = engine.entities(OWNER).list(PageRequest.first(2)).nextCursor();
    assertThat(listCursor).as("precondition").isNotNull();

    ValidationException e = assertRefused(() -> page(BY_ID.after(listCursor)));

    assertThat(e.getMessage()).contains(FOREIGN);
  }

  static Stream<Arguments> otherShapes() {
    return Stream.of(
        Arguments.of("other capability", (UnaryOperator<TreeQuery>) q -> q.capabilities(CALLS)),
        Arguments.of("extra capability", (UnaryOperator<TreeQuery>) q -> q.capabilities(TOKENS, CALLS)),
        Arguments.of("entity types", (UnaryOperator<TreeQuery>) q -> q.entityTypes("user")),
        Arguments.of("scope", (UnaryOperator<TreeQuery>) q -> q.scope(ScopeFilter.NODE_WIDE)),
        Arguments.of("min utilization", (UnaryOperator<TreeQuery>) q -> q.minUtilization(0)),
        Arguments.of("search", (UnaryOperator<TreeQuery>) q -> q.search("user")),
        Arguments.of("archived", (UnaryOperator<TreeQuery>) q -> q.includeArchived(true)),
        Arguments.of("sort field", (UnaryOperator<TreeQuery>) q -> q.sortBy(SortField.CREATED_AT)),
        Arguments.of("direction", (UnaryOperator<TreeQuery>) q -> q.descending()),
        Arguments.of("tree mode", (UnaryOperator<TreeQuery>) q -> TreeQuery.tree().limit(2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherShapes")
  void cursor_usedWithAnotherQueryShape_foreign(String change, UnaryOperator<TreeQuery> reshape) {
    String cursor = firstCursor(BY_ID);

    ValidationException e = assertRefused(() -> page(reshape.apply(BY_ID).after(cursor)));

    assertThat(e.getMessage()).contains(FOREIGN);
  }

  @Test
  void cursor_sameCapabilitiesListedInAnotherOrder_continues() {
    // The filter is a set: both queries are equal, so they are the same list.
    TreeQuery tokensCalls = TreeQuery.budgets(TOKENS, CALLS).sortBy(SortField.ID).limit(2);
    TreeQuery callsTokens = TreeQuery.budgets(CALLS, TOKENS).sortBy(SortField.ID).limit(2);
    assertThat(tokensCalls).as("precondition").isEqualTo(callsTokens);

    String cursor = firstCursor(tokensCalls);

    assertThat(page(callsTokens.after(cursor)).items()).extracting(TreeRow::entityId)
        .containsExactly("user-c", "user-d");
  }

  @Test
  void cursor_sameEntityTypesListedInAnotherOrder_continues() {
    TreeQuery orgUser = BY_ID.entityTypes("org", "user");
    TreeQuery userOrg = BY_ID.entityTypes("user", "org");
    assertThat(orgUser).as("precondition").isEqualTo(userOrg);

    String cursor = firstCursor(orgUser);

    assertThat(page(userOrg.after(cursor)).items()).extracting(TreeRow::entityId)
        .containsExactly("user-c", "user-d");
  }

  @Test
  void cursor_afterResendingABatchThatChangesNothing_stillValid() {
    String cursor = firstCursor(BY_ID);
    // Re-sent batches are idempotent: nothing in the catalog changes, so nothing is stale.
    createEntities(EntityUpsert.of("user-e").type("user").parent(ORG));
    createBudget(monthly("user-e", TOKENS, 100));

    assertThat(page(BY_ID.after(cursor)).items()).extracting(TreeRow::entityId).containsExactly("user-c", "user-d");
  }

  @Test
  void cursor_withAnotherPageSize_continues() {
    String cursor = firstCursor(BY_ID);

    assertThat(page(BY_ID.limit(3).after(cursor)).items()).extracting(TreeRow::entityId)
        .containsExactly("user-c", "user-d", "user-e");
  }

  static Stream<Arguments> catalogChanges() {
    return Stream.of(
        Arguments.of("new entity", (Consumer<QueryCursorConformanceTest>) t ->
            t.createEntities(EntityUpsert.of("user-z").type("user"))),
        Arguments.of("new budget", (Consumer<QueryCursorConformanceTest>) t ->
            t.createBudget(monthly(ORG, TOKENS, 1_000))),
        Arguments.of("budget of another capability", (Consumer<QueryCursorConformanceTest>) t ->
            t.createBudget(monthly(ORG, CALLS, 1_000))),
        Arguments.of("limit change", (Consumer<QueryCursorConformanceTest>) t ->
            t.createBudget(AssignmentUpsert.of("user-e", TOKENS).usageLimit(5))),
        Arguments.of("budget deleted", (Consumer<QueryCursorConformanceTest>) t ->
            t.engine.assignments(OWNER).deleteByKey(List.of(AssignmentKey.of("user-e", TOKENS)))),
        Arguments.of("archive", (Consumer<QueryCursorConformanceTest>) t ->
            t.engine.entities(OWNER).archive(List.of("user-e"))),
        Arguments.of("rename", (Consumer<QueryCursorConformanceTest>) t ->
            t.createEntities(EntityUpsert.of("user-a").displayName("Ann"))),
        Arguments.of("leaf moved", (Consumer<QueryCursorConformanceTest>) t ->
            t.createEntities(EntityUpsert.of("user-e").detachParent())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogChanges")
  void cursor_afterCatalogChangeOfTheOwner_stale(String change, Consumer<QueryCursorConformanceTest> apply) {
    String cursor = firstCursor(BY_ID);
    apply.accept(this);

    ValidationException e = assertRefused(() -> page(BY_ID.after(cursor)));

    assertThat(e.getMessage()).contains("stale");
  }

  @Test
  void cursor_treeModeAfterNewEntity_stale() {
    TreeQuery tree = TreeQuery.tree().limit(2);
    String cursor = firstCursor(tree);
    createEntities(EntityUpsert.of("user-z").type("user"));

    ValidationException e = assertRefused(() -> page(tree.after(cursor)));

    assertThat(e.getMessage()).contains("stale");
  }

  @Test
  void cursor_afterUnarchive_stale() {
    engine.entities(OWNER).archive(List.of("user-e"));
    String cursor = firstCursor(BY_ID);
    engine.entities(OWNER).unarchive(List.of("user-e"));

    assertThat(assertRefused(() -> page(BY_ID.after(cursor))).getMessage()).contains("stale");
  }

  @Test
  void cursor_afterUsageChanges_stillValidAndContinues() {
    String cursor = firstCursor(BY_ID);
    consume("user-c", TOKENS, 10);
    ingest(OWNER, Subject.entity("user-d"), TOKENS, 20);
    assertThat(engine.tryConsume(OWNER, "user-a", TOKENS, 1)).isTrue();

    List<TreeRow> second = page(BY_ID.after(cursor)).items();

    assertThat(second).extracting(TreeRow::entityId).containsExactly("user-c", "user-d");
    assertThat(second).extracting(TreeRow::currentUsage).containsExactly(10L, 20L);
  }

  @Test
  void cursor_byUtilizationAfterUsageChange_stillValid() {
    TreeQuery byUtilization = TreeQuery.budgets(TOKENS).limit(2);
    String cursor = firstCursor(byUtilization);
    consume("user-e", TOKENS, 50);

    // All were at 0, so page one was a and b (ties by id). Where user-e lands after moving up is
    // not specified; c and d, unchanged and after b, must come next.
    Page<TreeRow> second = page(byUtilization.after(cursor));

    assertThat(second.items()).extracting(TreeRow::entityId).containsExactly("user-c", "user-d");
  }

  @Test
  void cursor_afterPeriodRollover_stillValid() {
    String cursor = firstCursor(BY_ID);
    clock.advance(Duration.ofDays(40));

    assertThat(page(BY_ID.after(cursor)).items()).extracting(TreeRow::entityId).containsExactly("user-c", "user-d");
  }

  @Test
  void cursor_afterAnotherOwnersCatalogChange_stillValid() {
    String cursor = firstCursor(BY_ID);
    createEntities(OTHER_OWNER, EntityUpsert.of("user-z").type("user"));
    createBudgets(OTHER_OWNER, monthly("user-z", TOKENS, 1));

    assertThat(page(BY_ID.after(cursor)).items()).extracting(TreeRow::entityId).containsExactly("user-c", "user-d");
  }
}
