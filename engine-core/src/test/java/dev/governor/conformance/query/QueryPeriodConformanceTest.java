package dev.governor.conformance.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A row shows the current period's usage and bounds: a rolled-over budget shows 0 (docs/semantics.md §8.2, §9). */
public abstract class QueryPeriodConformanceTest extends QueryConformanceBase {
  private static final String USER = "user-ann";

  @BeforeEach
  void seed() {
    seedCatalog();
    createEntities(EntityUpsert.of(USER).type("user"));
  }

  private TreeRow row() {
    return onlyRow(TreeQuery.budgets(TOKENS));
  }

  // The clock starts at 2026-01-15T10:00Z, a Thursday; 1970-01-01 (day 0 of P7D) was a Thursday too.
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "PT15M, 2026-01-15T10:00:00Z, 2026-01-15T10:15:00Z",
      "PT1H,  2026-01-15T10:00:00Z, 2026-01-15T11:00:00Z",
      "P1D,   2026-01-15T00:00:00Z, 2026-01-16T00:00:00Z",
      "P7D,   2026-01-15T00:00:00Z, 2026-01-22T00:00:00Z",
      "P1W,   2026-01-12T00:00:00Z, 2026-01-19T00:00:00Z",
      "P1M,   2026-01-01T00:00:00Z, 2026-02-01T00:00:00Z",
      "P3M,   2026-01-01T00:00:00Z, 2026-04-01T00:00:00Z",
      "P1Y,   2026-01-01T00:00:00Z, 2027-01-01T00:00:00Z"})
  void periodBounds_calendarAlignedCadence_areTheCurrentPeriod(String cadence, Instant start, Instant end) {
    createBudget(AssignmentUpsert.of(USER, TOKENS).usageLimit(10).cadence(cadence));

    assertThat(row().cadence().toString()).isEqualTo(cadence);
    assertThat(row().periodStart()).isEqualTo(start);
    assertThat(row().periodEnd()).isEqualTo(end);
  }

  @Test
  void periodBounds_anchoredBudget_countFromTheAnchor() {
    createBudget(monthly(USER, TOKENS, 10).anchor(Instant.parse("2025-11-10T12:00:00Z")));

    assertThat(row().periodStart()).isEqualTo(Instant.parse("2026-01-10T12:00:00Z"));
    assertThat(row().periodEnd()).isEqualTo(Instant.parse("2026-02-10T12:00:00Z"));
  }

  @Test
  void currentUsage_lastMillisecondOfPeriod_stillShowsThePeriodsUsage() {
    createBudget(monthly(USER, TOKENS, 1_000));
    consume(USER, TOKENS, 300);
    clock.set(FEB_1.minusMillis(1));

    assertThat(row().currentUsage()).isEqualTo(300L);
    assertThat(row().utilization()).isEqualTo(0.3);
    assertThat(row().periodStart()).isEqualTo(JAN_1);
    assertThat(row().periodEnd()).isEqualTo(FEB_1);
  }

  @Test
  void currentUsage_clockPastPeriodEnd_showsZeroAndTheNewPeriodBounds() {
    createBudget(monthly(USER, TOKENS, 1_000));
    consume(USER, TOKENS, 300);
    // Nothing touches the budget at the boundary: the query alone must see the new period.
    clock.set(FEB_1);

    assertThat(row().currentUsage()).isZero();
    assertThat(row().utilization()).isEqualTo(0.0);
    assertThat(row().periodStart()).isEqualTo(FEB_1);
    assertThat(row().periodEnd()).isEqualTo(MAR_1);
  }

  @Test
  void currentUsage_overspentBudgetAfterRollover_showsZero() {
    createBudget(monthly(USER, TOKENS, 100));
    ingest(USER, TOKENS, 250);
    clock.set(FEB_1.plusSeconds(3600));

    assertThat(row().currentUsage()).isZero();
    assertThat(row().utilization()).isEqualTo(0.0);
  }

  @Test
  void currentUsage_usageInTheNewPeriod_countsOnlyTheNewPeriod() {
    createBudget(monthly(USER, TOKENS, 1_000));
    consume(USER, TOKENS, 300);
    // A query inside the old period first, so a cached period window would be caught reused.
    row();
    clock.set(FEB_1.plusSeconds(60));
    consume(USER, TOKENS, 20);

    assertThat(row().currentUsage()).isEqualTo(20L);
    assertThat(row().utilization()).isEqualTo(0.02);
    assertThat(row().periodStart()).isEqualTo(FEB_1);
  }

  @Test
  void currentUsage_severalPeriodsLater_showsZeroAndThatPeriodsBounds() {
    createBudget(AssignmentUpsert.of(USER, TOKENS).usageLimit(10).cadence("PT1H"));
    consume(USER, TOKENS, 7);
    clock.set(Instant.parse("2026-01-15T13:30:00Z"));

    assertThat(row().currentUsage()).isZero();
    assertThat(row().periodStart()).isEqualTo(Instant.parse("2026-01-15T13:00:00Z"));
    assertThat(row().periodEnd()).isEqualTo(Instant.parse("2026-01-15T14:00:00Z"));
  }
}
