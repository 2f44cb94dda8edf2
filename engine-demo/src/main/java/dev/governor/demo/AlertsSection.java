package dev.governor.demo;

import dev.governor.ListenerStats;
import dev.governor.demo.TextTable.Align;
import dev.governor.runtime.ThresholdCrossed;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Renders the report's "Alerts" section (docs/semantics.md §5.1 and §5.2): the crossings per
 * threshold, the listener's statistics, the first few crossings and the soft limits. Stateless, so
 * thread-safe.
 */
final class AlertsSection {
  static final String TITLE = "Alerts · thresholds announced once per budget and period, to a listener off the "
      + "decision path\n";
  /** How many crossings the section lists. */
  static final int EVENTS_SHOWN = 8;

  private AlertsSection() {}

  static String render(AlertSummary alerts) {
    String indent = ReportRenderer.INDENT;
    StringBuilder out = new StringBuilder(TITLE);
    if (alerts.thresholds().isEmpty()) {
      out.append(indent).append("(no budget has alert thresholds)\n");
    } else {
      out.append(thresholds(alerts)).append(listener(alerts)).append('\n').append(events(alerts.events()));
    }
    if (!alerts.softLimits().isEmpty()) {
      out.append('\n').append(indent).append("Soft limits: usage above them is allowed, and flagged in results and "
          + "query rows\n").append(softLimits(alerts.softLimits()));
    }
    return out.toString();
  }

  static String thresholds(AlertSummary alerts) {
    TextTable table = new TextTable().column("THRESHOLD", Align.RIGHT).column("BUDGETS", Align.RIGHT)
        .column("CROSSED", Align.RIGHT);
    for (AlertSummary.ThresholdLine line : alerts.thresholds()) {
      table.row(percent(line.threshold()), Format.count(line.budgets()), Format.count(line.crossings()));
    }
    return table.render(ReportRenderer.INDENT);
  }

  static String listener(AlertSummary alerts) {
    ListenerStats s = alerts.listener();
    return ReportRenderer.INDENT + "listener  " + Format.count(alerts.announced()) + " announced (thresholds reached), "
        + Format.count(s.delivered()) + " delivered, " + Format.count(s.failed()) + " failed, "
        + Format.count(s.dropped()) + " dropped\n";
  }

  static String events(List<ThresholdCrossed> events) {
    if (events.isEmpty()) {
      return ReportRenderer.INDENT + "(no threshold reached)\n";
    }
    TextTable table = new TextTable()
        .column("THRESHOLD", Align.RIGHT).column("OWNER", Align.LEFT).column("ENTITY", Align.LEFT)
        .column("CAPABILITY", Align.LEFT).column("SCOPE", Align.LEFT).column("USAGE", Align.RIGHT)
        .column("LIMIT", Align.RIGHT).column("PERIOD", Align.LEFT);
    for (ThresholdCrossed e : events.subList(0, Math.min(EVENTS_SHOWN, events.size()))) {
      table.row(percent(e.threshold()), e.ownerId(), e.entityId(), e.capabilityId(),
          ReportRenderer.scope(e.scopeEntityIds()), Format.count(e.usage()), Format.count(e.limit()),
          period(e.periodStart(), e.periodEnd()));
    }
    String more = events.size() > EVENTS_SHOWN
        ? ReportRenderer.INDENT + "… " + Format.count(events.size() - EVENTS_SHOWN) + " more\n" : "";
    return table.render(ReportRenderer.INDENT) + more;
  }

  static String softLimits(List<AlertSummary.SoftLimitLine> lines) {
    TextTable table = new TextTable()
        .column("OWNER", Align.LEFT).column("ENTITY", Align.LEFT).column("CAPABILITY", Align.LEFT)
        .column("SCOPE", Align.LEFT).column("USAGE", Align.RIGHT).column("SOFT LIMIT", Align.RIGHT)
        .column("LIMIT", Align.RIGHT).column("FLAG", Align.LEFT);
    for (AlertSummary.SoftLimitLine line : lines) {
      BudgetRef b = line.budget();
      table.row(b.ownerId(), b.entityId(), b.capabilityId(), ReportRenderer.scope(b.scope()),
          Format.count(line.usage()), Format.count(line.softLimit()),
          line.limit() == null ? ReportRenderer.UNLIMITED : Format.count(line.limit()),
          line.over() ? "over" : "under");
    }
    return table.render(ReportRenderer.INDENT);
  }

  /** {@code 0.8} as {@code 80%}. */
  static String percent(double fraction) {
    return new BigDecimal(Double.toString(fraction)).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
  }

  /** A calendar month as {@code 2025-06}, a day as {@code 2025-06-15}, any other period as {@code start/end}. */
  static String period(Instant start, Instant end) {
    LocalDate from = start.atOffset(ZoneOffset.UTC).toLocalDate();
    boolean midnight = start.equals(midnight(from));
    if (midnight && from.getDayOfMonth() == 1 && end.equals(midnight(from.plusMonths(1)))) {
      return from.toString().substring(0, 7);
    }
    if (midnight && end.equals(midnight(from.plusDays(1)))) {
      return from.toString();
    }
    return start + "/" + end;
  }

  private static Instant midnight(LocalDate day) {
    return day.atStartOfDay().toInstant(ZoneOffset.UTC);
  }
}
