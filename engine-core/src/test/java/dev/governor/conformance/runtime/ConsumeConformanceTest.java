package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.NotFoundException;
import dev.governor.ValidationException;
import dev.governor.catalog.Assignment;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.ConsumeResult.Status;
import dev.governor.runtime.DenialReason;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UnresolvedDimension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/semantics.md §5: consume grants and adds to every applicable budget, or changes nothing. */
public abstract class ConsumeConformanceTest extends RuntimeConformanceBase {

  @Test
  void consume_everyBudgetHasRoom_addsToAllAndReportsUsageAfter() {
    Assignment alice = tokens("user-alice", 100);
    Assignment team = tokens("team-eng", 50);
    Assignment org = unlimited("org-acme", TOKENS, "P1M");
    ConsumeResult r = consume("user-alice", 10);
    assertThat(r).isEqualTo(new ConsumeResult(Status.GRANTED, null, List.of(
        january(alice, 10, 90L, true), january(team, 10, 40L, true), january(org, 10, null, true)),
        null, List.of(), List.of()));
    assertThat(r.granted()).isTrue();
    assertThat(List.of(usage(alice), usage(team), usage(org))).containsExactly(10L, 10L, 10L);
  }

  @Test
  void consume_oneBudgetWithoutRoom_changesNothing() {
    Assignment alice = tokens("user-alice", 100);
    Assignment team = tokens("team-eng", 50);
    Assignment org = tokens("org-acme", 5);
    ingest(event("user-bob", 2));
    ConsumeResult r = consume("user-alice", 4);
    assertThat(r).isEqualTo(new ConsumeResult(Status.DENIED, DenialReason.BUDGET_EXCEEDED, List.of(
        january(alice, 0, 100L, true), january(team, 2, 48L, true), january(org, 2, 3L, false)),
        january(org, 2, 3L, false), List.of(), List.of()));
    assertThat(r.granted()).isFalse();
    assertThat(List.of(usage(alice), usage(team), usage(org))).containsExactly(0L, 2L, 2L);
  }

  @Test
  void consume_twoBudgetsWithoutRoom_firstDeniedIsFirstInOrder() {
    tokens("user-alice", 100);
    Assignment team = tokens("team-eng", 5);
    tokens("org-acme", 4);
    ConsumeResult r = consume("user-alice", 6);
    assertThat(r.status()).isEqualTo(Status.DENIED);
    assertThat(r.firstDenied()).isEqualTo(january(team, 0, 5L, false));
  }

  @Test
  void consume_exactlyToTheLimit_grantsThenDeniesTheNextUnit() {
    Assignment alice = tokens("user-alice", 10);
    assertThat(consume("user-alice", 10).budgets()).containsExactly(january(alice, 10, 0L, true));
    ConsumeResult next = consume("user-alice", 1);
    assertThat(next.status()).isEqualTo(Status.DENIED);
    assertThat(next.budgets()).containsExactly(january(alice, 10, 0L, false));
    assertThat(usage(alice)).isEqualTo(10L);
  }

  @Test
  void consume_repeatedCalls_neverPushUsagePastTheLimit() {
    Assignment alice = tokens("user-alice", 10);
    int granted = 0;
    for (int i = 0; i < 5; i++) {
      if (consume("user-alice", 3).granted()) {
        granted++;
      }
    }
    assertThat(granted).isEqualTo(3);
    assertThat(usage(alice)).isEqualTo(9L);
  }

  @Test
  void consume_limitZero_denies() {
    Assignment alice = tokens("user-alice", 0);
    ConsumeResult r = consume("user-alice", 1);
    assertThat(r.status()).isEqualTo(Status.DENIED);
    assertThat(r.firstDenied()).isEqualTo(january(alice, 0, 0L, false));
  }

  @Test
  void consume_noApplicableBudget_grantsWithEmptyList() {
    tokens("user-bob", 0);
    ConsumeResult r = consume("user-alice", 1_000);
    assertThat(r).isEqualTo(new ConsumeResult(Status.GRANTED, null, List.of(), null, List.of(), List.of()));
  }

  @Test
  void consume_unlimitedBudget_countsEveryGrant() {
    Assignment alice = unlimited("user-alice", TOKENS, "P1M");
    consume("user-alice", 1_000_000);
    assertThat(consume("user-alice", 2_000_000).budgets()).containsExactly(january(alice, 3_000_000, null, true));
  }

  @Test
  void consume_zeroAmount_throwsValidationAndChangesNothing() {
    Assignment alice = tokens("user-alice", 10);
    assertThatThrownBy(() -> consume("user-alice", 0))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("amount"));
    assertThatThrownBy(() -> consume("user-alice", -5))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("amount"));
    assertThat(usage(alice)).isZero();
  }

  @Test
  void consume_unknownEntityOrCapability_throwsNotFound() {
    assertThatThrownBy(() -> consume("user-ghost", 1))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.field()).isEqualTo("subject.entityIds[0]"));
    assertThatThrownBy(() -> engine.consume(OWNER, ConsumeRequest.of("user-alice", "gpu-hours", 1)))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.field()).isEqualTo("capabilityId"));
  }

  @Test
  void consume_byDimensions_addsToResolvedBudgetsAndReportsUnresolved() {
    Assignment orgGpt = tokens("org-acme", 100, "model-gpt4o");
    Assignment alice = tokens("user-alice", 100);
    ConsumeResult r = engine.consume(OWNER, ConsumeRequest.of(
        Subject.dimensions(Map.of("userId", "user-alice", "modelId", "model-gpt4o", "regionId", "eu")), TOKENS, 7));
    assertThat(r.status()).isEqualTo(Status.GRANTED);
    assertThat(r.budgets()).containsExactly(january(alice, 7, 93L, true), january(orgGpt, 7, 93L, true));
    assertThat(r.unresolved())
        .containsExactly(new UnresolvedDimension("regionId", "eu", UnresolvedDimension.Reason.UNKNOWN_KEY));
    assertThat(usage(orgGpt)).isEqualTo(7L);
  }

  @Test
  void consume_otherCapability_leavesTokenBudgetsAlone() {
    Assignment tokensBudget = tokens("user-alice", 10);
    Assignment calls = budget("user-alice", CALLS, 10, "P1M");
    ConsumeResult r = engine.consume(OWNER, ConsumeRequest.of("user-alice", CALLS, 4));
    assertThat(r.budgets()).containsExactly(january(calls, 4, 6L, true));
    assertThat(usage(tokensBudget)).isZero();
  }

  @Test
  void consume_severalDirectEntities_addsToTheUnionOnce() {
    Assignment org = tokens("org-acme", 100);
    Assignment eng = tokens("team-eng", 100);
    Assignment sales = tokens("team-sales", 100);
    ConsumeResult r = engine.consume(OWNER, ConsumeRequest.of(Subject.entities("user-bob", "user-carol"), TOKENS, 5));
    assertThat(r.status()).isEqualTo(Status.GRANTED);
    // The shared org is counted once, not once per chain.
    assertThat(List.of(usage(eng), usage(org), usage(sales))).containsExactly(5L, 5L, 5L);
  }
}
