package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.governor.GovernanceEngine;
import dev.governor.ValidationException;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.ConsumeResult.Status;
import java.time.Instant;
import java.time.ZoneId;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md §9.4: a budget in a time zone resets at that zone's midnight (Monday, 1st), on
 * every store; the zone, soft limit and thresholds are kept by the store like every other field.
 */
public abstract class LocalTimePeriodConformanceTest extends RuntimeConformanceBase {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private Assignment daily(String zone, long limit) {
    return upsert(AssignmentUpsert.of("user-alice", TOKENS).usageLimit(limit).cadence("P1D").timeZone(zone));
  }

  @Test
  void consume_berlinDailyBudget_resetsAtBerlinMidnightNotUtc() {
    clock.set(Instant.parse("2026-03-27T22:30:00Z")); // 23:30 on 27 March in Berlin
    Assignment alice = daily("Europe/Berlin", 10);
    assertThat(consume("user-alice", 10).status()).isEqualTo(Status.GRANTED);

    clock.set(Instant.parse("2026-03-27T23:10:00Z")); // 00:10 on 28 March in Berlin, still the 27th in UTC

    BudgetStatus s = statusOf(alice);
    assertThat(s.currentUsage()).isZero();
    assertThat(s.periodStart()).isEqualTo(Instant.parse("2026-03-27T23:00:00Z"));
    assertThat(s.periodEnd()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
  }

  @Test
  void check_dayOfTheSpringChange_periodIs23Hours() {
    clock.set(Instant.parse("2026-03-29T12:00:00Z"));
    Assignment alice = daily("Europe/Berlin", 10);

    BudgetStatus s = statusOf(alice);

    assertThat(s.periodStart()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
    assertThat(s.periodEnd()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
  }

  @Test
  void consume_kolkataDaily_newDayAtHalfPastSixUtc() {
    clock.set(Instant.parse("2026-01-15T18:29:00Z"));
    Assignment alice = daily("Asia/Kolkata", 5);
    consume("user-alice", 5);
    assertThat(consume("user-alice", 1).status()).isEqualTo(Status.DENIED);

    clock.set(Instant.parse("2026-01-15T18:30:00Z"));

    assertThat(consume("user-alice", 5).status()).isEqualTo(Status.GRANTED);
    assertThat(statusOf(alice).periodStart()).isEqualTo(Instant.parse("2026-01-15T18:30:00Z"));
  }

  @Test
  void upsert_zoneSoftLimitAndThresholds_keptByTheStoreForAnotherEngine() {
    Assignment a = upsert(AssignmentUpsert.of("team-eng", TOKENS).usageLimit(1000).cadence("P1W").timeZone(BERLIN)
        .softLimit(800).alertThresholds(0.8, 0.5, 1.0, 0.5));

    assertThat(a.timeZone()).isEqualTo(BERLIN);
    assertThat(a.softLimit()).isEqualTo(800L);
    assertThat(a.alertThresholds()).containsExactly(0.5, 0.8, 1.0);
    GovernanceEngine other = GovernanceEngine.builder().store(store).clock(clock).build();
    assertThat(other.assignments(OWNER).get(a.id())).contains(a);
  }

  @Test
  void upsert_changeTimeZone_usageCarriedNotReset() {
    clock.set(Instant.parse("2026-01-15T10:00:00Z"));
    Assignment alice = daily("Europe/Berlin", 10);
    consume("user-alice", 7);

    Assignment moved = daily("America/New_York", 10);

    assertThat(moved.timeZone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(statusOf(moved).currentUsage()).isEqualTo(7);
    assertThat(statusOf(moved).periodStart()).isEqualTo(Instant.parse("2026-01-15T05:00:00Z"));
    assertThat(alice.id()).isEqualTo(moved.id());
  }

  @Test
  void upsert_keepOmittedOptions_clearWithNull() {
    upsert(AssignmentUpsert.of("team-eng", TOKENS).usageLimit(100).cadence("P1D").timeZone("Asia/Kolkata").softLimit(50)
        .alertThresholds(0.9));

    Assignment kept = upsert(AssignmentUpsert.of("team-eng", TOKENS).usageLimit(200));
    Assignment cleared = upsert(AssignmentUpsert.of("team-eng", TOKENS).timeZone((String) null).noSoftLimit().noAlertThresholds());

    assertThat(kept.timeZone()).isEqualTo(ZoneId.of("Asia/Kolkata"));
    assertThat(kept.softLimit()).isEqualTo(50L);
    assertThat(kept.alertThresholds()).containsExactly(0.9);
    assertThat(cleared.timeZone()).isNull();
    assertThat(cleared.softLimit()).isNull();
    assertThat(cleared.alertThresholds()).isEmpty();
  }

  @Test
  void upsert_badOptions_validationNamingTheFieldAndNothingChanged() {
    Assignment before = upsert(AssignmentUpsert.of("team-eng", TOKENS).usageLimit(100).cadence("P1D"));
    AssignmentUpsert base = AssignmentUpsert.of("team-eng", TOKENS);

    rejected("timeZone", () -> upsert(base.timeZone("+05:30")));
    rejected("timeZone", () -> upsert(base.timeZone("Mars/Olympus_Mons")));
    rejected("timeZone", () -> upsert(base.timeZone("")));
    rejected("softLimit", () -> upsert(base.softLimit(-1)));
    rejected("alertThresholds[1]", () -> upsert(base.alertThresholds(0.5, 0)));
    rejected("alertThresholds[0]", () -> upsert(base.alertThresholds(Double.NaN)));
    rejected("alertThresholds[0]", () -> upsert(base.alertThresholds(10.5)));
    rejected("alertThresholds", () -> upsert(base.alertThresholds(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)));
    rejected("alertThresholds", () -> upsert(base.unlimited().alertThresholds(0.5)));

    assertThat(engine.assignments(OWNER).get(before.id())).contains(before);
  }

  private static void rejected(String field, ThrowingCallable call) {
    ValidationException e = catchThrowableOfType(ValidationException.class, call);
    assertThat(e).as("rejected on %s", field).isNotNull();
    assertThat(e.field()).isEqualTo(field);
    assertThat(e.index()).isEqualTo(0);
  }
}
