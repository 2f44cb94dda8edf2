package dev.governor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.ListenerStats;
import dev.governor.runtime.ThresholdCrossed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The "Reservations" and "Alerts" sections of the report, rendered from fixed numbers. */
class ReportSectionsTest {
  static final Instant JUNE = Instant.parse("2025-06-01T00:00:00Z");
  static final Instant JULY = Instant.parse("2025-07-01T00:00:00Z");

  static DemoReport report(ReservationStats reservations, AlertSummary alerts) {
    return new DemoReport(42, Simulation.NOW, 1_000, 600, 300, 10, 100, List.of(), List.of(), reservations, alerts);
  }

  static ThresholdCrossed event(String entity, double threshold, long usage, long limit) {
    return new ThresholdCrossed("cus-acme", UUID.randomUUID(), entity, "ai-tokens", Set.of(), threshold,
        AlertSummary.level(threshold, limit), usage, limit, JUNE, JULY, Simulation.NOW);
  }

  @Test
  void render_reservations_printsEveryCountOnItsLine() {
    ReservationStats stats = new ReservationStats(90, 93, 60, 30, 3, 54, 5, 12, 345, 2, 6_000, 5_500);

    String text = ReservationsSection.render(report(stats, AlertSummary.NONE));

    assertThat(text).isEqualTo(ReservationsSection.TITLE
        + "  reserve  90 completions: 60 granted (66.7%), 30 denied (33.3%)\n"
        + "  retry    3 reserves sent again under the same key: DUPLICATE, the same reservation\n"
        + "  settle   54 settled, 12 of them over the estimate (by 345 tokens in total, recorded in full)\n"
        + "  late     2 settled after the hold expired (recorded all the same)\n"
        + "  release  5 released when the model call failed: nothing recorded\n"
        + "  open     1 (settled + released + open = granted); 0 tokens held at the end\n"
        + "  tokens   6,000 reserved, 5,500 recorded by the settles\n");
  }

  @Test
  void render_noCompletions_saysSo() {
    assertThat(ReservationsSection.render(report(ReservationStats.NONE, AlertSummary.NONE)))
        .isEqualTo(ReservationsSection.TITLE + "  (no completions)\n");
  }

  @Test
  void render_alerts_printsCrossingsPerThresholdListenerFirstEventsAndSoftLimits() {
    List<ThresholdCrossed> events = new ArrayList<>();
    for (int i = 0; i < AlertsSection.EVENTS_SHOWN + 2; i++) {
      events.add(event("user-" + i, 0.8, 32_000 + i, 40_000));
    }
    AlertSummary alerts = new AlertSummary(
        List.of(new AlertSummary.ThresholdLine(0.5, 12, 11), new AlertSummary.ThresholdLine(0.8, 12, 10),
            new AlertSummary.ThresholdLine(1.0, 4, 0)),
        events, 21, new ListenerStats(10, 0, 11, 0),
        List.of(new AlertSummary.SoftLimitLine(new BudgetRef("cus-acme", "team-data", "ai-tokens", List.of()), 120_000,
            100_000, null)));

    String text = AlertsSection.render(alerts);

    assertThat(text).startsWith(AlertsSection.TITLE + """
          THRESHOLD  BUDGETS  CROSSED
                50%       12       11
                80%       12       10
               100%        4        0
          listener  21 announced (thresholds reached), 10 delivered, 0 failed, 11 dropped

          THRESHOLD  OWNER     ENTITY  CAPABILITY  SCOPE       USAGE   LIMIT  PERIOD
                80%  cus-acme  user-0  ai-tokens   node-wide  32,000  40,000  2025-06
        """)
        .contains("        80%  cus-acme  user-7  ai-tokens   node-wide  32,007  40,000  2025-06\n  … 2 more\n")
        .doesNotContain("user-8")
        .endsWith("""
              Soft limits: usage above them is allowed, and flagged in results and query rows
              OWNER     ENTITY     CAPABILITY  SCOPE        USAGE  SOFT LIMIT      LIMIT  FLAG
              cus-acme  team-data  ai-tokens   node-wide  120,000     100,000  unlimited  over
            """);
  }

  @Test
  void render_noThresholds_saysSo() {
    assertThat(AlertsSection.render(AlertSummary.NONE)).isEqualTo(AlertsSection.TITLE
        + "  (no budget has alert thresholds)\n");
  }

  @Test
  void period_monthDayAndOther_renderCompactly() {
    assertThat(AlertsSection.period(JUNE, JULY)).isEqualTo("2025-06");
    assertThat(AlertsSection.period(Instant.parse("2025-06-15T00:00:00Z"), Instant.parse("2025-06-16T00:00:00Z")))
        .isEqualTo("2025-06-15");
    assertThat(AlertsSection.period(Instant.parse("2025-06-14T22:00:00Z"), Instant.parse("2025-06-15T22:00:00Z")))
        .isEqualTo("2025-06-14T22:00:00Z/2025-06-15T22:00:00Z");
  }

  @Test
  void percent_fractions_renderWithoutTrailingZeros() {
    assertThat(AlertsSection.percent(0.5)).isEqualTo("50%");
    assertThat(AlertsSection.percent(0.8)).isEqualTo("80%");
    assertThat(AlertsSection.percent(1.0)).isEqualTo("100%");
    assertThat(AlertsSection.percent(0.125)).isEqualTo("12.5%");
  }

  @Test
  void level_fractionOfLimit_isTheExactCeiling() {
    assertThat(AlertSummary.level(0.8, 100)).isEqualTo(80);
    assertThat(AlertSummary.level(0.5, 5_001)).isEqualTo(2_501);
    assertThat(AlertSummary.level(1.0, 40_000)).isEqualTo(40_000);
  }
}
