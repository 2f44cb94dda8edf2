package dev.governor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.catalog.Cadence;
import dev.governor.query.TreeRow;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReportRendererTest {
  static final Instant NOW = Simulation.NOW;

  static TreeRow row(String entity, String type, String parent, String capability, Set<String> scope, long usage,
      Long limit) {
    Double utilization = limit == null ? null : (double) usage / limit;
    return new TreeRow(entity, type, null, parent, false, UUID.randomUUID(), capability, scope, limit, null, null, usage,
        0L, utilization, Cadence.monthly(), null, Instant.parse("2025-06-01T00:00:00Z"), Instant.parse("2025-07-01T00:00:00Z"),
        NOW);
  }

  static final DemoReport.OwnerTree TREE = new DemoReport.OwnerTree("cus-acme", "Acme Corp", List.of(
      row("team-eng", "team", "org-acme", "ai-tokens", Set.of("model-gpt4o"), 13_400, 10_000L),
      row("team-eng", "team", "org-acme", "ai-tokens", Set.of(), 200_000, 200_000L),
      row("alice", "user", "team-eng", "ai-tokens", Set.of(), 20_000, 40_000L),
      row("org-acme", "org", null, "api-calls", Set.of(), 0, 60_000L),
      row("team-data", "team", "org-acme", "ai-tokens", Set.of(), 135_087, null)));

  @Test
  void tree_rowsAtEveryUtilization_renderBarsAndLimits() {
    List<String> lines = ReportRenderer.tree(TREE).lines().toList();

    assertThat(lines).containsExactly(
        "  ENTITY     TYPE  PARENT    CAPABILITY  SCOPE        CADENCE    USAGE      LIMIT  UTILIZATION",
        "  team-eng   team  org-acme  ai-tokens   model-gpt4o  P1M       13,400     10,000  ██████████ 134%",
        "  team-eng   team  org-acme  ai-tokens   node-wide    P1M      200,000    200,000  ██████████ 100%",
        "  alice      user  team-eng  ai-tokens   node-wide    P1M       20,000     40,000  █████░░░░░  50%",
        "  org-acme   org   —         api-calls   node-wide    P1M            0     60,000  ░░░░░░░░░░   0%",
        "  team-data  team  org-acme  ai-tokens   node-wide    P1M      135,087  unlimited  ··········    —");
  }

  @Test
  void tree_everyLine_startsLeftColumnsAndEndsRightColumnsUnderTheirHeaders() {
    List<String> lines = ReportRenderer.tree(TREE).lines().toList();
    String header = lines.get(0);
    for (String line : lines.subList(1, lines.size())) {
      for (String left : List.of("TYPE", "PARENT", "CAPABILITY", "SCOPE", "CADENCE", "UTILIZATION")) {
        int at = header.indexOf(left);
        assertThat(line.charAt(at - 1)).as("%s in %s", left, line).isEqualTo(' ');
        assertThat(line.charAt(at)).as("%s in %s", left, line).isNotEqualTo(' ');
      }
      for (String right : List.of("USAGE", "LIMIT")) {
        int end = header.indexOf(right) + right.length();
        assertThat(line.charAt(end - 1)).as("%s in %s", right, line).isNotEqualTo(' ');
        assertThat(line.charAt(end)).as("%s in %s", right, line).isEqualTo(' ');
      }
      assertThat(line).hasSize(lines.get(1).length());
    }
  }

  @Test
  void render_report_printsTotalsDenialsByCountAndEveryTree() {
    DemoReport report = new DemoReport(42, NOW, 1_000, 700, 290, 10, 123,
        List.of(new DemoReport.DenialGroup(new BudgetRef("cus-acme", "team-eng", "ai-tokens", List.of("model-gpt4o")),
                250),
            new DemoReport.DenialGroup(new BudgetRef("cus-acme", "alice", "ai-tokens", List.of()), 40)),
        List.of(TREE), ReservationStats.NONE, AlertSummary.NONE);

    String text = ReportRenderer.render(report);

    assertThat(text).contains(
        "Results · seed 42 · 1,000 requests · clock fixed at 2025-06-15T12:00:00Z",
        "  consume  990 requests: 700 granted (70.7%), 290 denied (29.3%)",
        "  ingest   10 batches: 123 events recorded",
        """
            Denied consumes by the budget that blocked them
              DENIED  OWNER     ENTITY    CAPABILITY  SCOPE
                 250  cus-acme  team-eng  ai-tokens   model-gpt4o
                  40  cus-acme  alice     ai-tokens   node-wide
            """,
        "Governance tree · cus-acme · Acme Corp · by utilization\n" + ReportRenderer.tree(TREE));
  }

  @Test
  void denials_none_saysSo() {
    DemoReport report = new DemoReport(1, NOW, 10, 10, 0, 0, 0, List.of(), List.of(), ReservationStats.NONE,
        AlertSummary.NONE);

    assertThat(ReportRenderer.denials(report)).isEqualTo("  (none)\n");
  }
}
