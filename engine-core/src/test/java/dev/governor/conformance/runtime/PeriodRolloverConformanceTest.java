package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.runtime.ConsumeResult.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md §9 at runtime: reported period bounds, lazy rollover (nothing runs at the boundary, usage
 * simply reads 0 in the new period), {@code [start, end)}, and anchored billing cycles.
 */
public abstract class PeriodRolloverConformanceTest extends RuntimeConformanceBase {

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void check_monthly_reportsCalendarMonthBounds() {
    Assignment alice = tokens("user-alice", 10);
    assertThat(statusOf(alice)).isEqualTo(status(alice, 0, 10L, true, JAN, FEB));
  }

  @Test
  void consume_thenClockPassesPeriodEnd_usageReadsZeroInTheNewPeriod() {
    Assignment alice = tokens("user-alice", 10);
    consume("user-alice", 10);
    clock.set(FEB);
    assertThat(statusOf(alice)).isEqualTo(status(alice, 0, 10L, true, FEB, MAR));
    assertThat(consume("user-alice", 10).budgets()).containsExactly(status(alice, 10, 0L, true, FEB, MAR));
  }

  @Test
  void check_lastMillisecondOfPeriod_stillSeesTheOldUsage() {
    Assignment alice = tokens("user-alice", 10);
    consume("user-alice", 10);
    clock.set(at("2026-01-31T23:59:59.999Z"));
    assertThat(statusOf(alice)).isEqualTo(status(alice, 10, 0L, true, JAN, FEB));
    assertThat(consume("user-alice", 1).status()).isEqualTo(Status.DENIED);
  }

  @Test
  void ingest_eventExactlyAtPeriodEnd_countsInTheNextPeriod() {
    Assignment alice = tokens("user-alice", 10);
    ingest(event("user-alice", 4));
    clock.set(FEB);
    ingest(event("user-alice", 3).at(FEB));
    assertThat(statusOf(alice)).isEqualTo(status(alice, 3, 7L, true, FEB, MAR));
  }

  @Test
  void check_afterSeveralIdlePeriods_readsZeroInTheCurrentPeriod() {
    Assignment alice = budget("user-alice", TOKENS, 10, "PT15M");
    consume("user-alice", 9);
    clock.set(at("2026-01-15T13:07:00Z"));
    assertThat(statusOf(alice))
        .isEqualTo(status(alice, 0, 10L, true, at("2026-01-15T13:00:00Z"), at("2026-01-15T13:15:00Z")));
  }

  @Test
  void check_quarterHourCadence_rollsOverOnTheQuarter() {
    Assignment alice = budget("user-alice", TOKENS, 10, "PT15M");
    clock.set(at("2026-01-15T10:14:00Z"));
    consume("user-alice", 10);
    assertThat(statusOf(alice))
        .isEqualTo(status(alice, 10, 0L, true, at("2026-01-15T10:00:00Z"), at("2026-01-15T10:15:00Z")));
    clock.advance(Duration.ofMinutes(1));
    assertThat(statusOf(alice))
        .isEqualTo(status(alice, 0, 10L, true, at("2026-01-15T10:15:00Z"), at("2026-01-15T10:30:00Z")));
  }

  @Test
  void check_weeklyCadenceP1W_runsMondayToMonday() {
    Assignment alice = budget("user-alice", TOKENS, 10, "P1W");
    consume("user-alice", 6);
    assertThat(statusOf(alice))
        .isEqualTo(status(alice, 6, 4L, true, at("2026-01-12T00:00:00Z"), at("2026-01-19T00:00:00Z")));
    clock.set(at("2026-01-19T00:00:00Z"));
    assertThat(statusOf(alice))
        .isEqualTo(status(alice, 0, 10L, true, at("2026-01-19T00:00:00Z"), at("2026-01-26T00:00:00Z")));
  }

  @Test
  void check_sevenDayCadenceP7D_runsThursdayToThursday() {
    Assignment alice = budget("user-alice", TOKENS, 10, "P7D");
    consume("user-alice", 6);
    assertThat(statusOf(alice))
        .isEqualTo(status(alice, 6, 4L, true, at("2026-01-15T00:00:00Z"), at("2026-01-22T00:00:00Z")));
    clock.set(at("2026-01-21T23:59:59.999Z"));
    assertThat(usage(alice)).isEqualTo(6L);
    clock.set(at("2026-01-22T00:00:00Z"));
    assertThat(usage(alice)).isZero();
  }

  @Test
  void check_quarterlyCadenceP3M_followsCalendarQuarters() {
    Assignment alice = budget("user-alice", TOKENS, 10, "P3M");
    consume("user-alice", 6);
    clock.set(at("2026-03-31T23:59:59.999Z"));
    assertThat(statusOf(alice)).isEqualTo(status(alice, 6, 4L, true, JAN, at("2026-04-01T00:00:00Z")));
    clock.set(at("2026-04-01T00:00:00Z"));
    assertThat(statusOf(alice))
        .isEqualTo(status(alice, 0, 10L, true, at("2026-04-01T00:00:00Z"), at("2026-07-01T00:00:00Z")));
  }

  @Test
  void check_dailyCadence_rollsOverAtMidnightUtc() {
    Assignment alice = budget("user-alice", TOKENS, 10, "P1D");
    consume("user-alice", 6);
    clock.set(at("2026-01-15T23:59:59.999Z"));
    assertThat(usage(alice)).isEqualTo(6L);
    clock.set(at("2026-01-16T00:00:00Z"));
    assertThat(statusOf(alice))
        .isEqualTo(status(alice, 0, 10L, true, at("2026-01-16T00:00:00Z"), at("2026-01-17T00:00:00Z")));
  }

  @Test
  void consume_budgetsWithDifferentCadences_rollOverIndependently() {
    Assignment daily = budget("user-alice", TOKENS, 100, "P1D");
    Assignment monthly = tokens("team-eng", 100);
    consume("user-alice", 30);
    clock.set(at("2026-01-16T09:00:00Z"));
    assertThat(consume("user-alice", 5).budgets()).containsExactly(
        status(daily, 5, 95L, true, at("2026-01-16T00:00:00Z"), at("2026-01-17T00:00:00Z")),
        january(monthly, 35, 65L, true));
  }

  @Test
  void check_monthlyAnchorOnMonthEnd_clampsWithoutDrift() {
    Assignment alice = upsert(AssignmentUpsert.of("user-alice", TOKENS).usageLimit(10).cadence("P1M")
        .anchor(at("2025-12-31T00:00:00Z")));
    consume("user-alice", 4);
    assertThat(statusOf(alice))
        .isEqualTo(status(alice, 4, 6L, true, at("2025-12-31T00:00:00Z"), at("2026-01-31T00:00:00Z")));
    clock.set(at("2026-02-15T00:00:00Z"));
    consume("user-alice", 3);
    assertThat(statusOf(alice))
        .isEqualTo(status(alice, 3, 7L, true, at("2026-01-31T00:00:00Z"), at("2026-02-28T00:00:00Z")));
    clock.set(at("2026-03-01T00:00:00Z"));
    assertThat(statusOf(alice))
        .isEqualTo(status(alice, 0, 10L, true, at("2026-02-28T00:00:00Z"), at("2026-03-31T00:00:00Z")));
  }

  @Test
  void check_dailyAnchorWithTimeOfDay_rollsOverAtTheAnchorTime() {
    Assignment alice = upsert(AssignmentUpsert.of("user-alice", TOKENS).usageLimit(10).cadence("P1D")
        .anchor(at("2026-01-01T06:30:00Z")));
    consume("user-alice", 4);
    assertThat(statusOf(alice))
        .isEqualTo(status(alice, 4, 6L, true, at("2026-01-15T06:30:00Z"), at("2026-01-16T06:30:00Z")));
    clock.set(at("2026-01-16T06:29:59.999Z"));
    assertThat(usage(alice)).isEqualTo(4L);
    clock.set(at("2026-01-16T06:30:00Z"));
    assertThat(usage(alice)).isZero();
  }

  @Test
  void upsert_limitChanged_keepsUsageOfTheCurrentPeriod() {
    Assignment alice = tokens("user-alice", 10);
    consume("user-alice", 8);
    Assignment raised = upsert(AssignmentUpsert.of("user-alice", TOKENS).usageLimit(20));
    assertThat(statusOf(raised)).isEqualTo(january(raised, 8, 12L, true));
    Assignment lowered = upsert(AssignmentUpsert.of("user-alice", TOKENS).usageLimit(5));
    assertThat(statusOf(lowered)).isEqualTo(january(lowered, 8, 0L, false));
    Assignment unlimited = upsert(AssignmentUpsert.of("user-alice", TOKENS).unlimited());
    assertThat(statusOf(unlimited)).isEqualTo(january(unlimited, 8, null, true));
    Assignment limitedAgain = upsert(AssignmentUpsert.of("user-alice", TOKENS).usageLimit(9));
    assertThat(consume("user-alice", 2).status()).isEqualTo(Status.DENIED);
    assertThat(statusOf(limitedAgain)).isEqualTo(january(limitedAgain, 8, 1L, true));
    assertThat(alice.id()).isEqualTo(limitedAgain.id());
  }

  @Test
  void upsert_cadenceLengthened_keepsUsageOfTheCurrentPeriod() {
    tokens("user-alice", 10);
    consume("user-alice", 8);
    Assignment yearly = upsert(AssignmentUpsert.of("user-alice", TOKENS).cadence("P1Y"));
    assertThat(statusOf(yearly))
        .isEqualTo(status(yearly, 8, 2L, true, JAN, at("2027-01-01T00:00:00Z")));
  }

  @Test
  void upsert_cadenceShortened_keepsUsageOfTheCurrentPeriod() {
    // docs/semantics.md §2: a cadence change is never a free reset of what was counted in the current period.
    tokens("user-alice", 10);
    consume("user-alice", 8);
    Assignment daily = upsert(AssignmentUpsert.of("user-alice", TOKENS).cadence("P1D"));
    assertThat(statusOf(daily))
        .isEqualTo(status(daily, 8, 2L, true, at("2026-01-15T00:00:00Z"), at("2026-01-16T00:00:00Z")));
    assertThat(consume("user-alice", 3).status()).isEqualTo(Status.DENIED);
  }

  @Test
  void ingest_afterCadenceLengthened_eventEarlierInTheNewPeriodIsRecorded() {
    // After P1D -> P1M the current period is January; an event of 10 January is inside it, not late.
    Assignment alice = budget("user-alice", TOKENS, 100, "P1D");
    consume("user-alice", 8);
    Assignment monthly = upsert(AssignmentUpsert.of("user-alice", TOKENS).cadence("P1M"));
    ingest(event("user-alice", 5).at(at("2026-01-10T00:00:00Z")));
    assertThat(statusOf(monthly)).isEqualTo(january(monthly, 13, 87L, true));
    assertThat(alice.id()).isEqualTo(monthly.id());
  }

  @Test
  void delete_assignmentWithUsage_dropsItsUsage() {
    Assignment alice = tokens("user-alice", 10);
    consume("user-alice", 8);
    assertThat(engine.assignments(OWNER).delete(List.of(alice.id()))).extracting(a -> a.id()).containsExactly(alice.id());
    assertThat(check("user-alice", 10).budgets()).isEmpty();
    Assignment again = tokens("user-alice", 10);
    assertThat(statusOf(again)).isEqualTo(january(again, 0, 10L, true));
  }

  @Test
  void deleteByKey_assignmentWithUsage_dropsItsUsage() {
    Assignment alice = tokens("user-alice", 10);
    consume("user-alice", 8);
    engine.assignments(OWNER).deleteByKey(List.of(alice.key()));
    Assignment again = tokens("user-alice", 10);
    assertThat(usage(again)).isZero();
    assertThat(consume("user-alice", 10).status()).isEqualTo(Status.GRANTED);
  }
}
