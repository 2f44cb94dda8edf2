package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.governor.GovernanceEngine;
import dev.governor.ValidationException;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.runtime.BudgetUsage;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.EventResult.Outcome;
import dev.governor.runtime.IngestResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md §6 timestamps: an event's time picks its period; events for a closed period are late and not
 * added; timestamps too far ahead or before 1900 are rejected; slightly-future ones count as now.
 */
public abstract class IngestTimestampConformanceTest extends RuntimeConformanceBase {
  private static final Instant FEB_10 = Instant.parse("2026-02-10T12:00:00Z");
  private static final Instant JAN_20 = Instant.parse("2026-01-20T08:00:00Z");

  @Test
  void ingest_nullTimestamp_countsInTheCurrentPeriod() {
    Assignment alice = budget("user-alice", TOKENS, 100, "P1D");
    IngestResult r = ingest(event("user-alice", 4));
    assertThat(r.events().get(0).budgets()).containsExactly(new BudgetUsage(alice.id(), "user-alice", scope(), false, 4,
        Instant.parse("2026-01-15T00:00:00Z"), Instant.parse("2026-01-16T00:00:00Z")));
  }

  @Test
  void ingest_eventOfAClosedPeriod_isLateAndNotAdded() {
    Assignment alice = tokens("user-alice", 100);
    clock.set(FEB_10);
    ingest(event("user-alice", 3));
    IngestResult r = ingest(event("user-alice", 5).at(JAN_20));
    EventResult e = r.events().get(0);
    assertThat(e.outcome()).isEqualTo(Outcome.LATE);
    assertThat(e.budgets()).hasSize(1);
    assertThat(e.budgets().get(0).late()).isTrue();
    assertThat(e.budgets().get(0).periodStart()).isEqualTo(JAN);
    assertThat(e.budgets().get(0).periodEnd()).isEqualTo(FEB);
    assertThat(usage(alice)).isEqualTo(3L);
  }

  @Test
  void ingest_lateBudget_reportsCurrentUsageUnchanged() {
    // BudgetUsage.usageAfter: "usage of the current period after the event (unchanged when late)".
    Assignment alice = tokens("user-alice", 100);
    clock.set(FEB_10);
    ingest(event("user-alice", 3));
    IngestResult r = ingest(event("user-alice", 5).at(JAN_20));
    assertThat(r.events().get(0).budgets())
        .containsExactly(new BudgetUsage(alice.id(), "user-alice", scope(), true, 3, JAN, FEB));
  }

  @Test
  void ingest_lateForSomeBudgets_isRecordedInTheOthers() {
    Assignment monthly = tokens("user-alice", 100);
    Assignment yearly = budget("team-eng", TOKENS, 1000, "P1Y");
    clock.set(FEB_10);
    IngestResult r = ingest(event("user-alice", 5).at(JAN_20));
    EventResult e = r.events().get(0);
    assertThat(e.outcome()).isEqualTo(Outcome.RECORDED);
    assertThat(e.budgets()).extracting(BudgetUsage::assignmentId, BudgetUsage::late)
        .containsExactly(tuple(monthly.id(), true),
            tuple(yearly.id(), false));
    assertThat(e.budgets().get(1)).isEqualTo(new BudgetUsage(yearly.id(), "team-eng", scope(), false, 5,
        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")));
    assertThat(usage(monthly)).isZero();
    assertThat(usage(yearly)).isEqualTo(5L);
  }

  @Test
  void ingest_earlierTimestampInsideTheCurrentPeriod_isRecorded() {
    Assignment alice = tokens("user-alice", 100);
    clock.set(FEB_10);
    IngestResult r = ingest(event("user-alice", 5).at(Instant.parse("2026-02-01T00:00:00Z")));
    assertThat(r.events().get(0).budgets())
        .containsExactly(new BudgetUsage(alice.id(), "user-alice", scope(), false, 5, FEB, MAR));
    assertThat(usage(alice)).isEqualTo(5L);
  }

  @Test
  void ingest_lastInstantOfPreviousPeriod_isLate() {
    Assignment alice = tokens("user-alice", 100);
    clock.set(FEB);
    IngestResult r = ingest(event("user-alice", 5).at(Instant.parse("2026-01-31T23:59:59.999Z")));
    assertThat(r.events().get(0).outcome()).isEqualTo(Outcome.LATE);
    assertThat(usage(alice)).isZero();
  }

  @Test
  void ingest_timestampBeforeTheCounterWasLastWrittenButSamePeriod_isRecorded() {
    Assignment alice = tokens("user-alice", 100);
    ingest(event("user-alice", 2));
    IngestResult r = ingest(event("user-alice", 5).at(Instant.parse("2026-01-02T00:00:00Z")));
    assertThat(r.events().get(0).budgets())
        .containsExactly(new BudgetUsage(alice.id(), "user-alice", scope(), false, 7, JAN, FEB));
  }

  @Test
  void ingest_withinTheFutureSkew_countsAsNow() {
    // One minute ahead across the month boundary must not open February early.
    Assignment alice = tokens("user-alice", 100);
    clock.set(Instant.parse("2026-01-31T23:59:30Z"));
    IngestResult r = ingest(event("user-alice", 5).at(Instant.parse("2026-02-01T00:00:30Z")));
    assertThat(r.events().get(0).budgets())
        .containsExactly(new BudgetUsage(alice.id(), "user-alice", scope(), false, 5, JAN, FEB));
    assertThat(usage(alice)).isEqualTo(5L);
  }

  @Test
  void ingest_beyondTheFutureSkew_throwsValidationOnTimestamp() {
    Assignment alice = tokens("user-alice", 100);
    Instant tooFar = START.plus(Duration.ofMinutes(1)).plusMillis(1);
    assertThatThrownBy(() -> ingest(event("user-alice", 1), event("user-alice", 5).at(tooFar)))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.index()).isEqualTo(1);
          assertThat(e.field()).isEqualTo("timestamp");
        });
    assertThat(usage(alice)).isZero();
  }

  @Test
  void ingest_customFutureSkew_isHonoured() {
    GovernanceEngine strict = newEngine(newStore(), b -> b.maxFutureSkew(Duration.ofSeconds(5)));
    strict.assignments(OWNER).upsert(List.of(AssignmentUpsert.of("user-alice", TOKENS).usageLimit(10).cadence("P1M")));
    assertThat(strict.ingest(OWNER, List.of(event("user-alice", 1).at(START.plusSeconds(5)))).count(Outcome.RECORDED))
        .isEqualTo(1);
    assertThatThrownBy(() -> strict.ingest(OWNER, List.of(event("user-alice", 1).at(START.plusSeconds(6)))))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("timestamp"));
  }

  @Test
  void ingest_before1900_throwsValidationOnTimestamp() {
    tokens("user-alice", 100);
    assertThatThrownBy(() -> ingest(event("user-alice", 5).at(Instant.parse("1899-12-31T23:59:59.999Z"))))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.index()).isEqualTo(0);
          assertThat(e.field()).isEqualTo("timestamp");
        });
  }

  @Test
  void ingest_exactly1900_isAcceptedAsLate() {
    Assignment alice = tokens("user-alice", 100);
    IngestResult r = ingest(event("user-alice", 5).at(Instant.parse("1900-01-01T00:00:00Z")));
    assertThat(r.events().get(0).outcome()).isEqualTo(Outcome.LATE);
    assertThat(r.events().get(0).budgets()).extracting(BudgetUsage::periodStart, BudgetUsage::periodEnd)
        .containsExactly(tuple(Instant.parse("1900-01-01T00:00:00Z"),
            Instant.parse("1900-02-01T00:00:00Z")));
    assertThat(usage(alice)).isZero();
  }

  @Test
  void ingest_oldTimestampWithoutApplicableBudget_isRecorded() {
    IngestResult r = ingest(event("user-alice", 5).at(Instant.parse("2000-01-01T00:00:00Z")));
    assertThat(r.events()).containsExactly(new EventResult(0, Outcome.RECORDED, List.of(), List.of(), List.of()));
  }
}
