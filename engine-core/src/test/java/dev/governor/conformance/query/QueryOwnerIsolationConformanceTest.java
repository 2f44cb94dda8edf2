package dev.governor.conformance.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.Page;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.EntityUpsert;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.runtime.Subject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A query for one owner never shows another owner's rows; an owner without data is an empty page. */
public abstract class QueryOwnerIsolationConformanceTest extends QueryConformanceBase {
  private static final String ORG = "org-acme";
  private static final String ANN = "user-ann";

  private List<Assignment> mine;
  private List<Assignment> theirs;

  @BeforeEach
  void seed() {
    seedCatalog();
    // Both owners use the same ids; only the limits, names and usage differ.
    for (String owner : List.of(OWNER, OTHER_OWNER)) {
      createEntities(owner, EntityUpsert.of(ORG).type("org").displayName(owner + " corp"),
          EntityUpsert.of(ANN).type("user").parent(ORG));
    }
    createEntities(OTHER_OWNER, EntityUpsert.of("user-zed").type("user"));
    mine = createBudgets(OWNER, monthly(ORG, TOKENS, 1_000));
    theirs = createBudgets(OTHER_OWNER, monthly(ORG, TOKENS, 50), monthly("user-zed", TOKENS, 5));
    consume(OWNER, Subject.entity(ANN), TOKENS, 100);
    ingest(OTHER_OWNER, Subject.entity(ANN), TOKENS, 40);
  }

  @Test
  void query_sameIdsInTwoOwners_eachSeesOnlyItsOwnBudgetsAndUsage() {
    TreeRow row = onlyRow(TreeQuery.budgets(TOKENS));

    assertThat(row.assignmentId()).isEqualTo(mine.get(0).id());
    assertThat(row.usageLimit()).isEqualTo(1_000L);
    assertThat(row.currentUsage()).isEqualTo(100L);
    assertThat(row.displayName()).isEqualTo(OWNER + " corp");
    assertThat(rows(OTHER_OWNER, TreeQuery.budgets(TOKENS))).extracting(TreeRow::assignmentId)
        .containsExactlyInAnyOrder(theirs.get(0).id(), theirs.get(1).id());
    assertThat(rows(OTHER_OWNER, TreeQuery.budgets(TOKENS).search(ORG))).extracting(TreeRow::currentUsage)
        .containsExactly(40L);
  }

  @Test
  void query_treeMode_onlyTheOwnersEntities() {
    assertThat(rows(TreeQuery.tree())).extracting(TreeRow::entityId).containsExactly(ORG, ANN);
    assertThat(rows(OTHER_OWNER, TreeQuery.tree())).extracting(TreeRow::entityId).containsExactly(ORG, ANN, "user-zed");
  }

  @Test
  void query_searchForAnotherOwnersEntity_nothing() {
    assertThat(rows(TreeQuery.budgets(TOKENS).search("zed"))).isEmpty();
    assertThat(rows(TreeQuery.tree().search("zed"))).isEmpty();
  }

  @Test
  void query_ownerWithoutData_emptyPageWithoutCursor() {
    for (TreeQuery query : List.of(TreeQuery.budgets(TOKENS), TreeQuery.budgets(TOKENS, CALLS), TreeQuery.tree())) {
      Page<TreeRow> page = engine.query("cus-nobody", query);

      assertThat(page.items()).as("%s", query).isEmpty();
      assertThat(page.nextCursor()).as("%s", query).isNull();
    }
  }

  @Test
  void query_ownerWithEntitiesButNoBudgets_noBudgetRowsButTreeRows() {
    createEntities("cus-initech", EntityUpsert.of(ORG).type("org"));

    assertThat(rows("cus-initech", TreeQuery.budgets(TOKENS))).isEmpty();
    assertThat(rows("cus-initech", TreeQuery.tree())).extracting(TreeRow::entityId).containsExactly(ORG);
  }
}
