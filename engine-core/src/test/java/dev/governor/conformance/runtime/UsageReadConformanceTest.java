package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.GovernanceEngine;
import dev.governor.PageRequest;
import dev.governor.ValidationException;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.runtime.BudgetReading;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.ConsumeResult.Status;
import dev.governor.runtime.EventResult.Outcome;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import dev.governor.spi.GovernanceStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md §8.1: {@code usage(ownerId, assignmentId)} reads one budget's current-period
 * usage, limit, remaining (never below 0, null when unlimited), cadence and period bounds without a
 * check or subject. Empty when the owner holds no assignment with that id (unknown, another
 * owner's, deleted, or an owner without data); a malformed owner id or a null assignment id is a
 * {@link ValidationException} naming the field. A read never changes usage.
 */
public abstract class UsageReadConformanceTest extends RuntimeConformanceBase {

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  private Optional<BudgetReading> read(Assignment a) {
    return engine.usage(OWNER, a.id());
  }

  /** The exact reading expected for a budget. */
  private static BudgetReading reading(Assignment a, long usage, Long remaining, Instant start, Instant end) {
    return new BudgetReading(a.id(), a.entityId(), a.capabilityId(), a.scopeEntityIds(), a.usageLimit(), usage,
        remaining, a.cadence(), start, end);
  }

  /** The exact reading expected for a budget in the January 2026 period. */
  private static BudgetReading january(Assignment a, long usage, Long remaining) {
    return reading(a, usage, remaining, JAN, FEB);
  }

  // ------------------------------------------------------------------ what it reads

  @Test
  void usage_newBudget_readsZeroWithLimitAndCalendarPeriod() {
    Assignment alice = tokens("user-alice", 100);
    assertThat(read(alice)).contains(january(alice, 0, 100L));
  }

  @Test
  void usage_afterConsumes_readsTheCountedUsageOnEveryBudgetReached() {
    Assignment alice = tokens("user-alice", 100);
    Assignment team = tokens("team-eng", 100);
    consume("user-alice", 3);
    consume("user-alice", 4, "req-1");
    consume("user-alice", 4, "req-1"); // duplicate: not counted again
    consume("user-bob", 5);
    assertThat(consume("user-alice", 94).status()).isEqualTo(Status.DENIED);
    assertThat(read(alice)).contains(january(alice, 7, 93L));
    assertThat(read(team)).contains(january(team, 12, 88L));
  }

  @Test
  void usage_afterIngests_readsTheRecordedUsage() {
    Assignment alice = tokens("user-alice", 100);
    Assignment org = tokens("org-acme", 1000);
    ingest(event("user-alice", 5), event("user-carol", 2));
    ingest(event("user-alice", 6).idempotencyKey("evt-1"), event("user-alice", 6).idempotencyKey("evt-1"));
    assertThat(read(alice)).contains(january(alice, 11, 89L));
    assertThat(read(org)).contains(january(org, 13, 987L));
  }

  @Test
  void usage_afterConsumeAndIngest_agreesWithTheCheck() {
    Assignment alice = tokens("user-alice", 100);
    Assignment orgGpt = tokens("org-acme", 50, "model-gpt4o");
    Subject withModel = Subject.dimensions(Map.of("userId", "user-alice", "modelId", "model-gpt4o"));
    engine.consume(OWNER, ConsumeRequest.of(withModel, TOKENS, 8));
    ingest(UsageEvent.of(withModel, TOKENS, 9), event("user-alice", 1));
    for (Assignment a : List.of(alice, orgGpt)) {
      BudgetStatus s = statusOf(a);
      assertThat(read(a)).contains(new BudgetReading(s.assignmentId(), s.entityId(), s.capabilityId(),
          s.scopeEntityIds(), s.usageLimit(), s.currentUsage(), s.remaining(), s.cadence(), s.periodStart(),
          s.periodEnd()));
    }
    assertThat(read(alice)).contains(january(alice, 18, 82L));
    assertThat(read(orgGpt)).contains(january(orgGpt, 17, 33L));
  }

  @Test
  void usage_scopedBudget_reportsItsScope() {
    Assignment orgGpt = tokens("org-acme", 50, "model-gpt4o");
    engine.consume(OWNER, ConsumeRequest.of(Subject.entities("user-carol", "model-gpt4o"), TOKENS, 4));
    BudgetReading r = read(orgGpt).orElseThrow();
    assertThat(r).isEqualTo(january(orgGpt, 4, 46L));
    assertThat(r.scopeEntityIds()).containsExactly("model-gpt4o");
  }

  @Test
  void usage_otherCapability_readsItsOwnCounter() {
    Assignment tokens = tokens("user-alice", 100);
    Assignment calls = budget("user-alice", CALLS, 10, "P1M");
    consume("user-alice", 7);
    engine.consume(OWNER, ConsumeRequest.of("user-alice", CALLS, 2));
    assertThat(read(tokens)).contains(january(tokens, 7, 93L));
    assertThat(read(calls)).contains(january(calls, 2, 8L));
  }

  @Test
  void usage_unlimitedBudget_reportsNullLimitAndNullRemaining() {
    Assignment org = unlimited("org-acme", TOKENS, "P1M");
    ingest(event("user-alice", 1_000_000));
    consume("user-bob", 5);
    BudgetReading r = read(org).orElseThrow();
    assertThat(r).isEqualTo(january(org, 1_000_005, null));
    assertThat(r.usageLimit()).isNull();
    assertThat(r.remaining()).isNull();
  }

  @Test
  void usage_overLimitAfterIngest_reportsUsageAboveTheLimitAndRemainingZero() {
    Assignment alice = tokens("user-alice", 5);
    ingest(event("user-alice", 8));
    assertThat(read(alice)).contains(january(alice, 8, 0L));
    ingest(event("user-alice", 1));
    assertThat(read(alice)).contains(january(alice, 9, 0L));
  }

  @Test
  void usage_exactlyAtTheLimit_reportsRemainingZero() {
    Assignment alice = tokens("user-alice", 5);
    consume("user-alice", 5);
    assertThat(read(alice)).contains(january(alice, 5, 0L));
  }

  @Test
  void usage_limitChanged_keepsUsageAndRecomputesRemaining() {
    Assignment alice = tokens("user-alice", 100);
    consume("user-alice", 7);
    Assignment lowered = tokens("user-alice", 5);
    assertThat(lowered.id()).isEqualTo(alice.id());
    assertThat(read(alice)).contains(january(lowered, 7, 0L));
    Assignment raised = tokens("user-alice", 20);
    assertThat(read(alice)).contains(january(raised, 7, 13L));
    Assignment unlimited = unlimited("user-alice", TOKENS, "P1M");
    assertThat(read(alice)).contains(january(unlimited, 7, null));
  }

  @Test
  void usage_archivedEntity_stillReadsItsBudget() {
    Assignment alice = tokens("user-alice", 10);
    consume("user-alice", 4);
    engine.entities(OWNER).archive(List.of("user-alice"));
    assertThat(read(alice)).contains(january(alice, 4, 6L));
  }

  // ------------------------------------------------------------------ periods

  @Test
  void usage_acrossThePeriodBoundary_readsZeroWithTheNewBounds() {
    Assignment alice = tokens("user-alice", 10);
    consume("user-alice", 10);
    clock.set(at("2026-01-31T23:59:59.999Z"));
    assertThat(read(alice)).contains(january(alice, 10, 0L));
    clock.set(FEB);
    assertThat(read(alice)).contains(reading(alice, 0, 10L, FEB, MAR));
    consume("user-alice", 4);
    ingest(event("user-alice", 1));
    assertThat(read(alice)).contains(reading(alice, 5, 5L, FEB, MAR));
  }

  @Test
  void usage_afterSeveralIdlePeriods_readsZeroInTheCurrentPeriod() {
    Assignment alice = budget("user-alice", TOKENS, 10, "PT15M");
    consume("user-alice", 9);
    clock.set(at("2026-01-15T13:07:00Z"));
    assertThat(read(alice))
        .contains(reading(alice, 0, 10L, at("2026-01-15T13:00:00Z"), at("2026-01-15T13:15:00Z")));
  }

  @Test
  void usage_lateEventAfterRollover_leavesTheNewPeriodAtZero() {
    Assignment alice = tokens("user-alice", 100);
    consume("user-alice", 6);
    clock.set(at("2026-02-01T01:00:00Z"));
    assertThat(ingest(event("user-alice", 5).at(at("2026-01-20T00:00:00Z"))).events().get(0).outcome())
        .isEqualTo(Outcome.LATE);
    assertThat(read(alice)).contains(reading(alice, 0, 100L, FEB, MAR));
  }

  @Test
  void usage_dailyAndAnchoredBudgets_reportTheirOwnPeriods() {
    Assignment daily = budget("user-alice", TOKENS, 100, "P1D");
    Assignment anchored = upsert(AssignmentUpsert.of("team-eng", TOKENS).usageLimit(10).cadence("P1M")
        .anchor(at("2025-12-31T00:00:00Z")));
    consume("user-alice", 4);
    assertThat(read(daily)).contains(reading(daily, 4, 96L, at("2026-01-15T00:00:00Z"), at("2026-01-16T00:00:00Z")));
    assertThat(read(anchored))
        .contains(reading(anchored, 4, 6L, at("2025-12-31T00:00:00Z"), at("2026-01-31T00:00:00Z")));
    clock.set(at("2026-01-16T00:00:00Z"));
    assertThat(read(daily)).contains(reading(daily, 0, 100L, at("2026-01-16T00:00:00Z"), at("2026-01-17T00:00:00Z")));
    assertThat(read(anchored))
        .contains(reading(anchored, 4, 6L, at("2025-12-31T00:00:00Z"), at("2026-01-31T00:00:00Z")));
  }

  @Test
  void usage_cadenceChanged_carriesTheCurrentUsageIntoTheNewBounds() {
    // docs/semantics.md §9: a new cadence carries the usage of the period current at the change.
    tokens("user-alice", 10);
    consume("user-alice", 8);
    Assignment daily = upsert(AssignmentUpsert.of("user-alice", TOKENS).cadence("P1D"));
    assertThat(read(daily)).contains(reading(daily, 8, 2L, at("2026-01-15T00:00:00Z"), at("2026-01-16T00:00:00Z")));
    clock.set(at("2026-01-16T00:00:00Z"));
    assertThat(read(daily)).contains(reading(daily, 0, 10L, at("2026-01-16T00:00:00Z"), at("2026-01-17T00:00:00Z")));
  }

  // ------------------------------------------------------------------ empty

  @Test
  void usage_unknownAssignmentId_isEmpty() {
    tokens("user-alice", 10);
    assertThat(engine.usage(OWNER, UUID.randomUUID())).isEmpty();
  }

  @Test
  void usage_assignmentOfAnotherOwner_isEmpty() {
    Assignment ours = tokens("org-acme", 10);
    Assignment theirs = engine.assignments(OTHER_OWNER).upsert(List.of(
        AssignmentUpsert.of("org-acme", TOKENS).usageLimit(99).cadence("P1M"))).get(0);
    engine.consume(OTHER_OWNER, ConsumeRequest.of("org-acme", TOKENS, 3));
    assertThat(engine.usage(OWNER, theirs.id())).isEmpty();
    assertThat(engine.usage(OTHER_OWNER, ours.id())).isEmpty();
    assertThat(engine.usage(OTHER_OWNER, theirs.id())).contains(january(theirs, 3, 96L));
    assertThat(read(ours)).contains(january(ours, 0, 10L));
  }

  @Test
  void usage_deletedAssignment_isEmpty() {
    Assignment alice = tokens("user-alice", 10);
    consume("user-alice", 4);
    assertThat(read(alice)).isPresent();
    engine.assignments(OWNER).delete(List.of(alice.id()));
    assertThat(read(alice)).isEmpty();
    // Its usage went with it: the same natural key is a new budget at 0.
    Assignment again = tokens("user-alice", 10);
    assertThat(again.id()).isNotEqualTo(alice.id());
    assertThat(read(alice)).isEmpty();
    assertThat(read(again)).contains(january(again, 0, 10L));
  }

  @Test
  void usage_changesThroughAnotherEngine_areSeenAtOnce() {
    GovernanceStore store = newStore();
    engine = newEngine(store, b -> b);
    GovernanceEngine other = newEngine(store, b -> b);
    Assignment alice = tokens("user-alice", 10);
    assertThat(read(alice)).contains(january(alice, 0, 10L));

    Assignment bob = other.assignments(OWNER).upsert(List.of(
        AssignmentUpsert.of("user-bob", TOKENS).usageLimit(20).cadence("P1M"))).get(0);
    other.consume(OWNER, ConsumeRequest.of("user-alice", TOKENS, 3));
    other.consume(OWNER, ConsumeRequest.of("user-bob", TOKENS, 5));
    assertThat(read(alice)).contains(january(alice, 3, 7L));
    assertThat(read(bob)).contains(january(bob, 5, 15L));

    other.assignments(OWNER).delete(List.of(alice.id()));
    assertThat(read(alice)).isEmpty();
    assertThat(read(bob)).contains(january(bob, 5, 15L));
    // An engine that has not served the owner yet reads the same.
    GovernanceEngine fresh = newEngine(store, b -> b);
    assertThat(fresh.usage(OWNER, bob.id())).contains(january(bob, 5, 15L));
    assertThat(fresh.usage(OWNER, alice.id())).isEmpty();
  }

  @Test
  void usage_ownerWithoutData_isEmpty() {
    Assignment alice = tokens("user-alice", 10);
    assertThat(engine.usage("cus-empty", UUID.randomUUID())).isEmpty();
    assertThat(engine.usage("cus-empty", alice.id())).isEmpty();
  }

  // ------------------------------------------------------------------ validation

  @Test
  void usage_nullAssignmentId_throwsValidationNamingTheField() {
    assertThatThrownBy(() -> engine.usage(OWNER, null))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.field()).isEqualTo("assignmentId");
          assertThat(e.index()).isEqualTo(-1);
        });
    assertThatThrownBy(() -> engine.usage("cus-empty", null))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("assignmentId"));
  }

  @Test
  void usage_invalidOwnerId_throwsValidationNamingTheField() {
    Assignment alice = tokens("user-alice", 10);
    for (String bad : new String[] {"bad owner", "", "-acme", "x".repeat(256)}) {
      assertThatThrownBy(() -> engine.usage(bad, alice.id()))
          .as("owner id %s", bad)
          .isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo("ownerId");
            assertThat(e.index()).isEqualTo(-1);
          });
    }
    assertThatThrownBy(() -> engine.usage(null, alice.id()))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("ownerId"));
    assertThatThrownBy(() -> engine.usage(null, null))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("ownerId"));
  }

  // ------------------------------------------------------------------ a pure read

  @Test
  void usage_repeatedReads_neverChangeUsage() {
    Assignment alice = tokens("user-alice", 10);
    Assignment team = tokens("team-eng", 10);
    consume("user-alice", 4);
    for (int i = 0; i < 5; i++) {
      assertThat(read(alice)).contains(january(alice, 4, 6L));
      assertThat(read(team)).contains(january(team, 4, 6L));
    }
    ConsumeResult r = consume("user-alice", 6);
    assertThat(r.status()).isEqualTo(Status.GRANTED);
    assertThat(r.budgets()).containsExactly(
        RuntimeConformanceBase.january(alice, 10, 0L, true), RuntimeConformanceBase.january(team, 10, 0L, true));
    assertThat(consume("user-alice", 1).status()).isEqualTo(Status.DENIED);
    assertThat(read(alice)).contains(january(alice, 10, 0L));
  }

  @Test
  void usage_readOfUnknownIdOrOtherOwner_createsNothing() {
    Assignment alice = tokens("user-alice", 10);
    engine.usage(OWNER, UUID.randomUUID());
    engine.usage("cus-empty", alice.id());
    engine.usage(OTHER_OWNER, alice.id());
    assertThat(engine.assignments("cus-empty").list(PageRequest.first(100)).items()).isEmpty();
    assertThat(engine.entities("cus-empty").list(PageRequest.first(100)).items()).isEmpty();
    assertThat(read(alice)).contains(january(alice, 0, 10L));
  }
}
