package dev.governor.demo;

import dev.governor.demo.TextTable.Align;
import dev.governor.query.TreeRow;
import java.util.Collection;

/**
 * Renders a {@link DemoReport} as text: the totals, the denials table, the reservations and alerts
 * sections ({@link ReservationsSection}, {@link AlertsSection}) and one tree table per owner.
 * Stateless, so thread-safe.
 */
final class ReportRenderer {
  static final String INDENT = "  ";
  static final String NODE_WIDE = "node-wide";
  static final String UNLIMITED = "unlimited";

  private ReportRenderer() {}

  static String render(DemoReport report) {
    long consumes = report.granted() + report.denied();
    StringBuilder out = new StringBuilder()
        .append("Results · seed ").append(report.seed()).append(" · ").append(Format.count(report.calls()))
        .append(" requests · clock fixed at ").append(report.clock()).append('\n')
        .append(INDENT).append("consume  ").append(Format.count(consumes)).append(" requests: ")
        .append(Format.count(report.granted())).append(" granted (").append(Format.share(report.granted(), consumes))
        .append("), ").append(Format.count(report.denied())).append(" denied (")
        .append(Format.share(report.denied(), consumes)).append(")\n")
        .append(INDENT).append("ingest   ").append(Format.count(report.ingestBatches())).append(" batches: ")
        .append(Format.count(report.eventsRecorded())).append(" events recorded\n")
        .append(INDENT).append("complete ").append(Format.count(report.reservations().completions()))
        .append(" AI completions through a reservation (below)\n\n")
        .append("Denied consumes by the budget that blocked them\n")
        .append(denials(report))
        .append('\n').append(ReservationsSection.render(report))
        .append('\n').append(AlertsSection.render(report.alerts()));
    for (DemoReport.OwnerTree tree : report.trees()) {
      out.append('\n').append("Governance tree · ").append(tree.ownerId()).append(" · ").append(tree.title())
          .append(" · by utilization\n").append(tree(tree));
    }
    return out.toString();
  }

  static String denials(DemoReport report) {
    if (report.denials().isEmpty()) {
      return INDENT + "(none)\n";
    }
    TextTable table = new TextTable()
        .column("DENIED", Align.RIGHT).column("OWNER", Align.LEFT).column("ENTITY", Align.LEFT)
        .column("CAPABILITY", Align.LEFT).column("SCOPE", Align.LEFT);
    for (DemoReport.DenialGroup group : report.denials()) {
      BudgetRef b = group.budget();
      table.row(Format.count(group.count()), b.ownerId(), b.entityId(), b.capabilityId(), scope(b.scope()));
    }
    return table.render(INDENT);
  }

  static String tree(DemoReport.OwnerTree tree) {
    TextTable table = new TextTable()
        .column("ENTITY", Align.LEFT).column("TYPE", Align.LEFT).column("PARENT", Align.LEFT)
        .column("CAPABILITY", Align.LEFT).column("SCOPE", Align.LEFT).column("CADENCE", Align.LEFT)
        .column("USAGE", Align.RIGHT).column("LIMIT", Align.RIGHT).column("UTILIZATION", Align.LEFT);
    for (TreeRow row : tree.rows()) {
      long usage = row.currentUsage();
      table.row(row.entityId(), row.entityTypeId(), row.parentId() == null ? "—" : row.parentId(),
          row.capabilityId(), scope(row.scopeEntityIds()), String.valueOf(row.cadence()), Format.count(usage),
          row.usageLimit() == null ? UNLIMITED : Format.count(row.usageLimit()),
          UtilizationBar.render(usage, row.usageLimit()));
    }
    return table.render(INDENT);
  }

  static String scope(Collection<String> scope) {
    return scope.isEmpty() ? NODE_WIDE : String.join(",", scope.stream().sorted().toList());
  }
}
