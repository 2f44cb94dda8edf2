package dev.governor.conformance.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.catalog.EntityUpsert;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Utilization = usage / limit, not clamped, null when unlimited, with the zero-limit cases (docs/semantics.md §8.2). */
public abstract class QueryUtilizationConformanceTest extends QueryConformanceBase {
  private static final String USER = "user-ann";

  @BeforeEach
  void seed() {
    seedCatalog();
    createEntities(EntityUpsert.of(USER).type("user"));
  }

  private TreeRow row() {
    return onlyRow(TreeQuery.budgets(TOKENS));
  }

  @Test
  void utilization_noUsage_isZero() {
    createBudget(monthly(USER, TOKENS, 1_000));

    assertThat(row().currentUsage()).isZero();
    assertThat(row().utilization()).isEqualTo(0.0);
  }

  @Test
  void utilization_usageBelowLimit_isUsageDividedByLimit() {
    createBudget(monthly(USER, TOKENS, 1_000));
    consume(USER, TOKENS, 250);

    assertThat(row().currentUsage()).isEqualTo(250L);
    assertThat(row().utilization()).isEqualTo(0.25);
  }

  @Test
  void utilization_usageAtLimit_isOne() {
    createBudget(monthly(USER, TOKENS, 40));
    consume(USER, TOKENS, 40);

    assertThat(row().utilization()).isEqualTo(1.0);
  }

  @Test
  void utilization_overspentThroughIngest_isNotClamped() {
    createBudget(monthly(USER, TOKENS, 100));
    // Ingest records consumption that already happened, past the limit: the row must show it.
    ingest(USER, TOKENS, 150);

    assertThat(row().currentUsage()).isEqualTo(150L);
    assertThat(row().utilization()).isEqualTo(1.5);
  }

  @Test
  void utilization_unlimitedBudget_isNullWhileUsageIsCounted() {
    createBudget(unlimitedMonthly(USER, TOKENS));
    consume(USER, TOKENS, 70);

    assertThat(row().usageLimit()).isNull();
    assertThat(row().currentUsage()).isEqualTo(70L);
    assertThat(row().utilization()).isNull();
  }

  @Test
  void utilization_zeroLimitWithoutUsage_isOne() {
    createBudget(monthly(USER, TOKENS, 0));

    assertThat(row().usageLimit()).isZero();
    assertThat(row().utilization()).isEqualTo(1.0);
  }

  @Test
  void utilization_zeroLimitWithUsage_isPositiveInfinity() {
    createBudget(monthly(USER, TOKENS, 0));
    ingest(USER, TOKENS, 5);

    assertThat(row().currentUsage()).isEqualTo(5L);
    assertThat(row().utilization()).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void utilization_nonTerminatingRatio_isTheDoubleQuotient() {
    createBudget(monthly(USER, TOKENS, 3));
    consume(USER, TOKENS, 1);

    assertThat(row().utilization()).isEqualTo(1.0 / 3.0);
  }
}
