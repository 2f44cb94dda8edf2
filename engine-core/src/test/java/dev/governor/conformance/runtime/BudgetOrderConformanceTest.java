package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.catalog.Assignment;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.Subject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md §4 ordering of the reported budgets: chains of the deepest direct entities first (ties in
 * request order, dimensions by key), leaf to root, each entity once, node-wide before scoped, scoped
 * sorted by scope.
 */
public abstract class BudgetOrderConformanceTest extends RuntimeConformanceBase {

  @Test
  void check_chain_listsLeafToRoot() {
    // Created root first so that creation order cannot explain the expected order.
    Assignment org = tokens("org-acme", 30);
    Assignment team = tokens("team-eng", 20);
    Assignment agent = tokens("agent-bot", 5);
    Assignment alice = tokens("user-alice", 10);
    assertThat(ids(check("agent-bot", 1).budgets())).containsExactlyElementsOf(ids(agent, alice, team, org));
  }

  @Test
  void check_entityWithScopedBudgets_listsNodeWideFirstThenScopesSorted() {
    Assignment both = tokens("org-acme", 40, "model-gpt4o", "model-claude");
    Assignment gpt = tokens("org-acme", 30, "model-gpt4o");
    Assignment claude = tokens("org-acme", 20, "model-claude");
    Assignment nodeWide = tokens("org-acme", 10);
    assertThat(ids(check(Subject.entities("org-acme", "model-gpt4o", "model-claude"), 1).budgets()))
        .containsExactlyElementsOf(ids(nodeWide, claude, both, gpt));
  }

  @Test
  void check_equallyDeepDirectEntities_followRequestOrderAndListSharedAncestorOnce() {
    Assignment org = tokens("org-acme", 30);
    Assignment eng = tokens("team-eng", 20);
    Assignment sales = tokens("team-sales", 20);
    Assignment bob = tokens("user-bob", 10);
    Assignment carol = tokens("user-carol", 10);
    assertThat(ids(check(Subject.entities("user-bob", "user-carol"), 1).budgets()))
        .containsExactlyElementsOf(ids(bob, eng, org, carol, sales));
    assertThat(ids(check(Subject.entities("user-carol", "user-bob"), 1).budgets()))
        .containsExactlyElementsOf(ids(carol, sales, org, bob, eng));
  }

  @Test
  void check_deeperDirectEntityNamedLater_comesFirst() {
    Assignment model = tokens("model-gpt4o", 50);
    Assignment agent = tokens("agent-bot", 5);
    Assignment org = tokens("org-acme", 30);
    assertThat(ids(check(Subject.entities("model-gpt4o", "agent-bot"), 1).budgets()))
        .containsExactlyElementsOf(ids(agent, org, model));
  }

  @Test
  void check_directEntityThatIsAncestorOfAnother_listedOnceInTheDeeperChain() {
    Assignment org = tokens("org-acme", 30);
    Assignment eng = tokens("team-eng", 20);
    Assignment alice = tokens("user-alice", 10);
    assertThat(ids(check(Subject.entities("team-eng", "org-acme", "user-alice"), 1).budgets()))
        .containsExactlyElementsOf(ids(alice, eng, org));
  }

  @Test
  void check_dimensionsOfEqualDepth_orderedByKeyNotMapOrder() {
    Assignment org = tokens("org-acme", 30);
    Assignment model = tokens("model-gpt4o", 50);
    Map<String, String> dims = new LinkedHashMap<>();
    dims.put("orgId", "org-acme");
    dims.put("modelId", "model-gpt4o");
    // modelId sorts before orgId.
    assertThat(ids(check(Subject.dimensions(dims), 1).budgets())).containsExactlyElementsOf(ids(model, org));
  }

  @Test
  void check_userAndModelDimensions_listUserChainThenModel() {
    Assignment orgGpt = tokens("org-acme", 40, "model-gpt4o");
    Assignment org = tokens("org-acme", 30);
    Assignment aliceGpt = tokens("user-alice", 9, "model-gpt4o");
    Assignment alice = tokens("user-alice", 10);
    Assignment model = tokens("model-gpt4o", 50);
    Assignment team = tokens("team-eng", 20);
    assertThat(ids(check(Subject.dimensions(Map.of("modelId", "model-gpt4o", "userId", "user-alice")), 1).budgets()))
        .containsExactlyElementsOf(ids(alice, aliceGpt, team, org, orgGpt, model));
  }

  @Test
  void consume_reportsBudgetsInTheSameOrderAsCheck() {
    Assignment org = tokens("org-acme", 30);
    Assignment model = tokens("model-gpt4o", 50);
    Assignment alice = tokens("user-alice", 10);
    assertThat(ids(engine.consume(OWNER, ConsumeRequest.of(
        Subject.entities("model-gpt4o", "user-alice"), TOKENS, 1)).budgets()))
        .containsExactlyElementsOf(ids(alice, org, model));
  }
}
