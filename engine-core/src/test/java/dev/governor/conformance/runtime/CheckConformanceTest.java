package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.ValidationException;
import dev.governor.catalog.Assignment;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.DenialReason;
import dev.governor.runtime.Subject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/semantics.md §4: the read-only check, its decision and every field it reports. */
public abstract class CheckConformanceTest extends RuntimeConformanceBase {

  @Test
  void check_noApplicableBudget_grantsWithEmptyList() {
    tokens("user-bob", 0);
    CheckResult r = check("user-alice", 1_000_000);
    assertThat(r).isEqualTo(new CheckResult(true, null, List.of(), null, List.of(), List.of()));
  }

  @Test
  void check_withinLimit_reportsEveryFieldExactly() {
    Assignment alice = tokens("user-alice", 100);
    ingest(event("user-alice", 30));
    CheckResult r = check("user-alice", 70);
    assertThat(r).isEqualTo(new CheckResult(true, null, List.of(january(alice, 30, 70L, true)), null, List.of(),
        List.of()));
  }

  @Test
  void check_amountOneOverRemaining_deniesNamingTheBudget() {
    Assignment alice = tokens("user-alice", 100);
    ingest(event("user-alice", 30));
    CheckResult r = check("user-alice", 71);
    assertThat(r).isEqualTo(new CheckResult(false, DenialReason.BUDGET_EXCEEDED,
        List.of(january(alice, 30, 70L, false)), january(alice, 30, 70L, false), List.of(), List.of()));
  }

  @Test
  void check_severalBudgets_eachDecidesAloneAndFirstDeniedFollowsOrder() {
    Assignment alice = tokens("user-alice", 100);
    Assignment team = tokens("team-eng", 50);
    Assignment org = tokens("org-acme", 10);
    CheckResult r = check("user-alice", 20);
    assertThat(r.hasAccess()).isFalse();
    assertThat(r.reason()).isEqualTo(DenialReason.BUDGET_EXCEEDED);
    assertThat(r.budgets()).containsExactly(
        january(alice, 0, 100L, true), january(team, 0, 50L, true), january(org, 0, 10L, false));
    assertThat(r.firstDenied()).isEqualTo(january(org, 0, 10L, false));

    CheckResult both = check("user-alice", 60);
    assertThat(both.budgets()).containsExactly(
        january(alice, 0, 100L, true), january(team, 0, 50L, false), january(org, 0, 10L, false));
    assertThat(both.firstDenied()).isEqualTo(january(team, 0, 50L, false));
  }

  @Test
  void check_unlimitedBudget_alwaysGrantsAndIsReported() {
    Assignment org = unlimited("org-acme", TOKENS, "P1M");
    ingest(event("user-alice", 1_000_000));
    CheckResult r = check("user-alice", Long.MAX_VALUE);
    assertThat(r).isEqualTo(new CheckResult(true, null, List.of(january(org, 1_000_000, null, true)), null,
        List.of(), List.of()));
  }

  @Test
  void check_unlimitedNextToLimited_limitedStillDecides() {
    Assignment alice = unlimited("user-alice", TOKENS, "P1M");
    Assignment team = tokens("team-eng", 5);
    CheckResult r = check("user-alice", 6);
    assertThat(r.budgets()).containsExactly(january(alice, 0, null, true), january(team, 0, 5L, false));
    assertThat(r.firstDenied()).isEqualTo(january(team, 0, 5L, false));
  }

  @Test
  void check_limitZero_deniesAnyPositiveAmount() {
    Assignment alice = tokens("user-alice", 0);
    assertThat(check("user-alice", 1).budgets()).containsExactly(january(alice, 0, 0L, false));
    assertThat(check("user-alice", 1).hasAccess()).isFalse();
  }

  @Test
  void check_limitZeroAndAmountZero_grants() {
    Assignment alice = tokens("user-alice", 0);
    CheckResult r = check("user-alice", 0);
    assertThat(r.hasAccess()).isTrue();
    assertThat(r.budgets()).containsExactly(january(alice, 0, 0L, true));
  }

  @Test
  void check_exactlyTheRemainder_grants() {
    Assignment alice = tokens("user-alice", 10);
    ingest(event("user-alice", 7));
    assertThat(check("user-alice", 3).budgets()).containsExactly(january(alice, 7, 3L, true));
    assertThat(check("user-alice", 4).budgets()).containsExactly(january(alice, 7, 3L, false));
  }

  @Test
  void check_requestedAmountDefaultsToOne() {
    Assignment alice = tokens("user-alice", 5);
    ingest(event("user-alice", 4));
    CheckRequest defaults = CheckRequest.of("user-alice", TOKENS);
    assertThat(defaults.requestedAmount()).isEqualTo(1L);
    assertThat(engine.check(OWNER, defaults).hasAccess()).isTrue();
    ingest(event("user-alice", 1));
    assertThat(engine.check(OWNER, defaults).budgets()).containsExactly(january(alice, 5, 0L, false));
    assertThat(engine.check(OWNER, CheckRequest.of(Subject.entity("user-alice"), TOKENS)).hasAccess()).isFalse();
  }

  @Test
  void check_zeroAmountAtTheLimit_grants() {
    Assignment alice = tokens("user-alice", 5);
    ingest(event("user-alice", 5));
    CheckResult r = check("user-alice", 0);
    assertThat(r.hasAccess()).isTrue();
    assertThat(r.budgets()).containsExactly(january(alice, 5, 0L, true));
  }

  @Test
  void check_zeroAmountOverTheLimit_deniesWithRemainingZero() {
    // Ingest never gates, so usage can pass the limit; remaining is clamped at 0.
    Assignment alice = tokens("user-alice", 5);
    ingest(event("user-alice", 8));
    CheckResult r = check("user-alice", 0);
    assertThat(r.hasAccess()).isFalse();
    assertThat(r.budgets()).containsExactly(january(alice, 8, 0L, false));
    assertThat(r.firstDenied()).isEqualTo(january(alice, 8, 0L, false));
  }

  @Test
  void check_negativeAmount_throwsValidation() {
    tokens("user-alice", 5);
    assertThatThrownBy(() -> check("user-alice", -1))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("requestedAmount"));
  }

  @Test
  void check_invalidOwnerId_throwsValidation() {
    assertThatThrownBy(() -> engine.check("bad owner", CheckRequest.of("user-alice", TOKENS)))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("ownerId"));
  }

  @Test
  void check_repeated_neverChangesUsage() {
    Assignment alice = tokens("user-alice", 10);
    for (int i = 0; i < 5; i++) {
      assertThat(check("user-alice", 4).hasAccess()).isTrue();
    }
    assertThat(usage(alice)).isZero();
    assertThat(consume("user-alice", 10).granted()).isTrue();
  }

  @Test
  void check_aDenial_isAResultNotAnException() {
    tokens("user-alice", 0);
    CheckResult r = check("user-alice", Long.MAX_VALUE);
    assertThat(r.hasAccess()).isFalse();
    assertThat(r.reason()).isEqualTo(DenialReason.BUDGET_EXCEEDED);
  }
}
