package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.catalog.Assignment;
import dev.governor.runtime.BudgetUsage;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.ConsumeResult.Status;
import dev.governor.runtime.DenialReason;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.EventResult.Outcome;
import dev.governor.runtime.Subject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Archived entities (docs/semantics.md §2, §4, §6): named directly they deny check and consume with
 * ENTITY_ARCHIVED, while ingest still records; archived ancestors are no denial and their budgets
 * keep applying.
 */
public abstract class ArchivedEntityConformanceTest extends RuntimeConformanceBase {

  private void archive(String... ids) {
    engine.entities(OWNER).archive(List.of(ids));
  }

  @Test
  void check_archivedEntityNamedDirectly_deniesWithEntityArchived() {
    Assignment alice = tokens("user-alice", 10);
    archive("user-alice");
    CheckResult r = check("user-alice", 1);
    assertThat(r).isEqualTo(new CheckResult(false, DenialReason.ENTITY_ARCHIVED,
        List.of(january(alice, 0, 10L, true)), null, List.of(), List.of("user-alice")));
  }

  @Test
  void check_archivedEntityWithoutBudgets_stillDenies() {
    archive("user-bob");
    CheckResult r = check("user-bob", 1);
    assertThat(r).isEqualTo(new CheckResult(false, DenialReason.ENTITY_ARCHIVED, List.of(), null, List.of(),
        List.of("user-bob")));
  }

  @Test
  void check_archivedEntityResolvedFromDimension_denies() {
    archive("model-gpt4o");
    CheckResult r = check(Subject.dimensions(Map.of("userId", "user-alice", "modelId", "model-gpt4o")), 1);
    assertThat(r.hasAccess()).isFalse();
    assertThat(r.reason()).isEqualTo(DenialReason.ENTITY_ARCHIVED);
    assertThat(r.archivedEntityIds()).containsExactly("model-gpt4o");
  }

  @Test
  void check_oneOfSeveralDirectEntitiesArchived_listsOnlyIt() {
    archive("user-carol");
    CheckResult r = check(Subject.entities("user-bob", "user-carol"), 1);
    assertThat(r.hasAccess()).isFalse();
    assertThat(r.archivedEntityIds()).containsExactly("user-carol");
  }

  @Test
  void consume_archivedEntity_deniesAndChangesNothing() {
    Assignment alice = tokens("user-alice", 10);
    Assignment team = tokens("team-eng", 10);
    archive("user-alice");
    ConsumeResult r = consume("user-alice", 3, "req-1");
    assertThat(r).isEqualTo(new ConsumeResult(Status.DENIED, DenialReason.ENTITY_ARCHIVED,
        List.of(january(alice, 0, 10L, true), january(team, 0, 10L, true)), null, List.of(), List.of("user-alice")));
    assertThat(List.of(usage(alice), usage(team))).containsExactly(0L, 0L);
  }

  @Test
  void consume_archivedEntity_doesNotClaimTheKey() {
    Assignment alice = tokens("user-alice", 10);
    archive("user-alice");
    consume("user-alice", 3, "req-1");
    engine.entities(OWNER).unarchive(List.of("user-alice"));
    assertThat(consume("user-alice", 3, "req-1").status()).isEqualTo(Status.GRANTED);
    assertThat(usage(alice)).isEqualTo(3L);
  }

  @Test
  void consume_archivedEntityWithoutBudgets_denies() {
    archive("user-bob");
    ConsumeResult r = engine.consume(OWNER, ConsumeRequest.of("user-bob", TOKENS, 1));
    assertThat(r.status()).isEqualTo(Status.DENIED);
    assertThat(r.reason()).isEqualTo(DenialReason.ENTITY_ARCHIVED);
  }

  @Test
  void fastPaths_archivedEntity_answerFalseAndChangeNothing() {
    Assignment alice = tokens("user-alice", 10);
    assertThat(engine.isAllowed(OWNER, "user-alice", TOKENS, 1)).isTrue();
    archive("user-alice");
    assertThat(engine.isAllowed(OWNER, "user-alice", TOKENS, 1)).isFalse();
    assertThat(engine.tryConsume(OWNER, "user-alice", TOKENS, 1)).isFalse();
    archive("user-bob");
    assertThat(engine.isAllowed(OWNER, "user-bob", TOKENS, 0)).isFalse();
    assertThat(engine.tryConsume(OWNER, "user-bob", TOKENS, 1)).isFalse();
    assertThat(usage(alice)).isZero();
  }

  @Test
  void ingest_archivedEntity_recordsAndFlagsIt() {
    Assignment alice = tokens("user-alice", 10);
    Assignment org = tokens("org-acme", 100);
    archive("user-alice");
    EventResult e = ingest(event("user-alice", 4)).events().get(0);
    assertThat(e).isEqualTo(new EventResult(0, Outcome.RECORDED, List.of(
        new BudgetUsage(alice.id(), "user-alice", scope(), false, 4, JAN, FEB),
        new BudgetUsage(org.id(), "org-acme", scope(), false, 4, JAN, FEB)), List.of(), List.of("user-alice")));
    assertThat(usage(org)).isEqualTo(4L);
  }

  @Test
  void check_archivedAncestor_isNoDenialAndItsBudgetKeepsApplying() {
    Assignment alice = tokens("user-alice", 10);
    Assignment team = tokens("team-eng", 5);
    archive("team-eng");
    CheckResult ok = check("user-alice", 5);
    assertThat(ok).isEqualTo(new CheckResult(true, null,
        List.of(january(alice, 0, 10L, true), january(team, 0, 5L, true)), null, List.of(), List.of()));
    CheckResult over = check("user-alice", 6);
    assertThat(over.reason()).isEqualTo(DenialReason.BUDGET_EXCEEDED);
    assertThat(over.firstDenied()).isEqualTo(january(team, 0, 5L, false));
  }

  @Test
  void consume_archivedAncestor_countsInItsBudget() {
    Assignment team = tokens("team-eng", 5);
    archive("team-eng", "org-acme");
    assertThat(consume("user-alice", 5).status()).isEqualTo(Status.GRANTED);
    assertThat(consume("user-bob", 1).status()).isEqualTo(Status.DENIED);
    assertThat(usage(team)).isEqualTo(5L);
  }

  @Test
  void check_afterUnarchive_grantsAndKeepsUsage() {
    Assignment alice = tokens("user-alice", 10);
    consume("user-alice", 4);
    archive("user-alice");
    assertThat(check("user-alice", 1).hasAccess()).isFalse();
    engine.entities(OWNER).unarchive(List.of("user-alice"));
    CheckResult r = check("user-alice", 6);
    assertThat(r).isEqualTo(new CheckResult(true, null, List.of(january(alice, 4, 6L, true)), null, List.of(),
        List.of()));
  }
}
