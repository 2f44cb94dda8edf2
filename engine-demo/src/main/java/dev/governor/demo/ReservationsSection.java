package dev.governor.demo;

/**
 * Renders the report's "Reservations" section: what the AI completions did with their reservations
 * (docs/semantics.md §5.3), from the reserve to the settle or release. Stateless, so thread-safe.
 */
final class ReservationsSection {
  static final String TITLE = "Reservations · AI completions hold an estimate for " + CompletionFlow.TTL.toMinutes()
      + " min, then settle the actual tokens or release\n";

  private ReservationsSection() {}

  static String render(DemoReport report) {
    ReservationStats r = report.reservations();
    String indent = ReportRenderer.INDENT;
    if (r.completions() == 0) {
      return TITLE + indent + "(no completions)\n";
    }
    return TITLE
        + indent + "reserve  " + Format.count(r.completions()) + " completions: " + Format.count(r.granted())
        + " granted (" + Format.share(r.granted(), r.completions()) + "), " + Format.count(r.denied()) + " denied ("
        + Format.share(r.denied(), r.completions()) + ")\n"
        + indent + "retry    " + Format.count(r.duplicates()) + " reserves sent again under the same key: DUPLICATE, "
        + "the same reservation\n"
        + indent + "settle   " + Format.count(r.settled()) + " settled, " + Format.count(r.overEstimate())
        + " of them over the estimate (by " + Format.count(r.overEstimateAmount())
        + " tokens in total, recorded in full)\n"
        + indent + "late     " + Format.count(r.settledAfterExpiry()) + " settled after the hold expired (recorded all "
        + "the same)\n"
        + indent + "release  " + Format.count(r.released()) + " released when the model call failed: nothing recorded\n"
        + indent + "open     " + Format.count(r.open()) + " (settled + released + open = granted); "
        + Format.count(report.heldAtEnd()) + " tokens held at the end\n"
        + indent + "tokens   " + Format.count(r.estimated()) + " reserved, " + Format.count(r.recorded())
        + " recorded by the settles\n";
  }
}
