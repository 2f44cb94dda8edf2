package dev.governor.conformance.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.catalog.EntityUpsert;
import dev.governor.query.TreeQuery;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Search: a case-insensitive substring of the entity id or of its display name, at most 255
 * characters without control characters (docs/semantics.md §8.2). Tree-mode search is in the tree-mode class.
 */
public abstract class QuerySearchConformanceTest extends QueryConformanceBase {
  private static final String ORG = "org-acme";
  private static final String OPS = "team-ops";
  private static final String ANN = "user-ann";
  private static final String BOB = "user-bob";
  private static final String MODEL = "model-gpt4o";

  @BeforeEach
  void seed() {
    seedCatalog();
    createEntities(
        EntityUpsert.of(ORG).type("org").displayName("Acme Corp"),
        EntityUpsert.of(OPS).type("team").displayName("Operations").parent(ORG),
        EntityUpsert.of(ANN).type("user").displayName("Ann Lee").parent(OPS),
        EntityUpsert.of(BOB).type("user"),
        EntityUpsert.of(MODEL).type("model").displayName("GPT-4o"));
    createBudgets(OWNER, monthly(ORG, TOKENS, 10), monthly(OPS, TOKENS, 10), monthly(ANN, TOKENS, 10),
        monthly(BOB, TOKENS, 10), monthly(MODEL, TOKENS, 10));
  }

  private List<String> matching(String search) {
    return rows(TreeQuery.budgets(TOKENS).search(search)).stream().map(r -> r.entityId()).toList();
  }

  @Test
  void search_idSubstringInOtherCase_matchesById() {
    // "Operations" does not contain "team-op": only the id can match.
    assertThat(matching("TEAM-OP")).containsExactly(OPS);
  }

  @Test
  void search_displayNameSubstringInOtherCase_matchesByName() {
    // No id contains "corp" or "lee": only the display names can match.
    assertThat(matching("CORP")).containsExactly(ORG);
    assertThat(matching("lEe")).containsExactly(ANN);
  }

  @Test
  void search_textInNameButNotId_matchesByName() {
    // "gpt-4" is in "GPT-4o" but not in "model-gpt4o".
    assertThat(matching("gpt-4")).containsExactly(MODEL);
  }

  @Test
  void search_entityWithoutDisplayName_matchesById() {
    assertThat(matching("Bob")).containsExactly(BOB);
  }

  @Test
  void search_sharedSubstring_matchesEveryEntityHavingIt() {
    assertThat(matching("ann")).containsExactly(ANN);
    assertThat(matching("user-")).containsExactlyInAnyOrder(ANN, BOB);
    assertThat(matching("-")).containsExactlyInAnyOrder(ORG, OPS, ANN, BOB, MODEL);
  }

  @Test
  void search_noMatch_emptyPage() {
    assertThat(matching("globex")).isEmpty();
  }

  @Test
  void search_afterRename_matchesTheNewNameOnly() {
    createEntities(EntityUpsert.of(OPS).displayName("Platform"));

    assertThat(matching("operations")).isEmpty();
    assertThat(matching("PLATFORM")).containsExactly(OPS);
  }

  @Test
  void search_255Characters_accepted() {
    assertThat(matching("a".repeat(255))).isEmpty();
  }

  @Test
  void search_256Characters_validation() {
    expectValidation("search", () -> page(TreeQuery.budgets(TOKENS).search("a".repeat(256))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ann\n", "a\u0000b", "\tann", "ann\u001b[31m", "ann\u007f"})
  void search_controlCharacter_validation(String search) {
    expectValidation("search", () -> page(TreeQuery.budgets(TOKENS).search(search)));
  }

  // U+0080..U+009F are control characters too (Unicode category Cc); U+009B is a terminal CSI.
  @ParameterizedTest
  @ValueSource(strings = {"ann\u0085", "ann\u009b31m"})
  void search_c1ControlCharacter_validation(String search) {
    expectValidation("search", () -> page(TreeQuery.budgets(TOKENS).search(search)));
  }
}
