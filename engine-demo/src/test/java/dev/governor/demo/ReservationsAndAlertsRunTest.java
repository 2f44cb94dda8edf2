package dev.governor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.ListenerStats;
import dev.governor.query.TreeRow;
import dev.governor.runtime.ThresholdCrossed;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs a small seeded workload on several threads once and checks the report's "Reservations" and
 * "Alerts" sections against the plan, the streams and the engine's final budget rows.
 */
class ReservationsAndAlertsRunTest {
  static final long SEED = 11;
  static final int REQUESTS = 12_000;
  static final int THREADS = 4;

  static Simulation simulation;
  static RunResult run;
  static DemoReport report;

  @BeforeAll
  static void runOnce() throws InterruptedException {
    simulation = Simulation.prepare(SeedCatalog.owners(), SEED, REQUESTS);
    run = simulation.run(THREADS, new Progress(REQUESTS));
    report = DemoReport.collect(simulation, run, SEED);
  }

  @Test
  void collect_reservations_settledPlusReleasedPlusOpenIsGranted() {
    ReservationStats r = report.reservations();

    assertThat(r.settled() + r.released() + r.open()).isEqualTo(r.granted());
    assertThat(r.open()).isZero();
    assertThat(report.heldAtEnd()).isZero();
    assertThat(r.granted() + r.denied()).isEqualTo(r.completions());
    assertThat(r.reserves()).isEqualTo(r.completions() + r.duplicates());
    assertThat(r.settledAfterExpiry()).isLessThanOrEqualTo(r.settled());
    assertThat(r.overEstimate()).isLessThanOrEqualTo(r.settled());
    assertThat(r.granted()).isPositive();
    assertThat(r.denied()).isPositive();
  }

  @Test
  void collect_reservations_countWhatTheGrantedCompletionsPlanned() {
    long completions = 0;
    long granted = 0;
    long retried = 0;
    long failed = 0;
    long slow = 0;
    long over = 0;
    long overAmount = 0;
    long estimated = 0;
    long recorded = 0;
    for (int o = 0; o < run.owners().size(); o++) {
      List<Call> calls = simulation.workloads().get(o).calls();
      for (int i = 0; i < calls.size(); i++) {
        if (!(calls.get(i) instanceof Call.Complete c)) {
          assertThat(run.owners().get(o).reserveBlockedBy().get(i)).isNull();
          continue;
        }
        completions++;
        if (run.owners().get(o).reserveBlockedBy().get(i) != null) {
          continue;
        }
        granted++;
        estimated += c.estimate();
        retried += c.retried() ? 1 : 0;
        if (c.ending() == Call.Complete.Ending.FAIL) {
          failed++;
          continue;
        }
        slow += c.ending() == Call.Complete.Ending.SLOW ? 1 : 0;
        recorded += c.actual();
        over += c.actual() > c.estimate() ? 1 : 0;
        overAmount += Math.max(0, c.actual() - c.estimate());
      }
    }
    ReservationStats r = report.reservations();

    assertThat(r.completions()).isEqualTo(completions);
    assertThat(r.granted()).isEqualTo(granted);
    assertThat(r.duplicates()).isEqualTo(retried).isPositive();
    assertThat(r.released()).isEqualTo(failed).isPositive();
    assertThat(r.settled()).isEqualTo(granted - failed);
    assertThat(r.settledAfterExpiry()).isEqualTo(slow).isPositive();
    assertThat(r.overEstimate()).isEqualTo(over).isPositive();
    assertThat(r.overEstimateAmount()).isEqualTo(overAmount);
    assertThat(r.estimated()).isEqualTo(estimated);
    assertThat(r.recorded()).isEqualTo(recorded);
  }

  @Test
  void run_everyReserveDenial_wasByALimitedBudgetWithNoRoomForTheEstimate() {
    Map<BudgetRef, TreeRow> rows = rowsByBudget();
    long denials = 0;
    for (int o = 0; o < run.owners().size(); o++) {
      OwnerWorkload workload = simulation.workloads().get(o);
      for (int i = 0; i < workload.calls().size(); i++) {
        BudgetRef blocker = run.owners().get(o).reserveBlockedBy().get(i);
        if (blocker == null) {
          continue;
        }
        denials++;
        Call.Complete c = (Call.Complete) workload.calls().get(i);
        TreeRow row = rows.get(blocker);
        // No hold outlives its call, so the reserve saw no other hold: usage alone left no room.
        assertThat(row.usageLimit()).as("%s denied call %d", blocker, i).isNotNull();
        assertThat(row.currentUsage() + c.estimate()).as("%s denied call %d", blocker, i)
            .isGreaterThan(row.usageLimit());
        assertThat(Applicability.budgets(workload.plan(), c.subject(), c.capabilityId())).contains(blocker);
      }
    }
    assertThat(denials).isEqualTo(report.reservations().denied());
  }

  @Test
  void collect_alerts_listenerAccountedForEveryCrossingAnnounced() {
    AlertSummary alerts = report.alerts();
    ListenerStats stats = alerts.listener();

    assertThat(alerts.announced()).isPositive();
    assertThat(stats.delivered() + stats.failed() + stats.dropped()).isEqualTo(alerts.announced());
    assertThat(stats.delivered()).isEqualTo(alerts.events().size());
    assertThat(stats.failed()).isZero();
    assertThat(stats.dropped()).isZero();
    assertThat(stats.queued()).isZero();
  }

  @Test
  void collect_alerts_crossingsNeverExceedBudgetsTimesThresholds() {
    List<AlertSummary.ThresholdLine> lines = report.alerts().thresholds();
    long planned = SeedCatalog.owners().stream().flatMap(p -> p.budgets().stream())
        .mapToLong(b -> b.alertThresholds().size()).sum();

    assertThat(lines).extracting(AlertSummary.ThresholdLine::threshold).containsExactly(0.5, 0.8, 1.0);
    assertThat(lines).allSatisfy(line -> assertThat(line.crossings()).isBetween(0L, (long) line.budgets()));
    assertThat(lines.stream().mapToLong(AlertSummary.ThresholdLine::budgets).sum()).isEqualTo(planned);
    assertThat(lines.stream().mapToLong(AlertSummary.ThresholdLine::crossings).sum())
        .isEqualTo(report.alerts().events().size()).isLessThanOrEqualTo(planned);
  }

  @Test
  void collect_alerts_everyThresholdReachedWasAnnouncedOnceAtItsLevel() {
    Map<UUID, TreeRow> rows = new HashMap<>();
    Set<String> reached = new HashSet<>();
    for (DemoReport.OwnerTree tree : report.trees()) {
      for (TreeRow row : tree.rows()) {
        rows.put(row.assignmentId(), row);
        for (double f : row.alertThresholds()) {
          if (row.currentUsage() >= AlertSummary.level(f, row.usageLimit())) {
            reached.add(row.assignmentId() + "@" + f);
          }
        }
      }
    }
    Set<String> announced = new HashSet<>();
    for (ThresholdCrossed e : report.alerts().events()) {
      TreeRow row = rows.get(e.assignmentId());
      assertThat(announced.add(e.assignmentId() + "@" + e.threshold())).as("announced once: %s", e).isTrue();
      assertThat(e.level()).isEqualTo(AlertSummary.level(e.threshold(), row.usageLimit()));
      assertThat(e.usage()).isBetween(e.level(), row.currentUsage());
      assertThat(e.limit()).isEqualTo(row.usageLimit());
      assertThat(e.periodStart()).isEqualTo(row.periodStart());
      assertThat(e.periodEnd()).isEqualTo(row.periodEnd());
      assertThat(List.of(e.entityId(), e.capabilityId(), e.scopeEntityIds()))
          .isEqualTo(List.of(row.entityId(), row.capabilityId(), row.scopeEntityIds()));
    }
    assertThat(announced).isEqualTo(reached).hasSize((int) report.alerts().announced());
  }

  @Test
  void collect_alerts_sortsTheHighestThresholdFirstThenByOwnerInPlanOrder() {
    List<String> owners = SeedCatalog.owners().stream().map(OwnerPlan::ownerId).toList();
    List<ThresholdCrossed> events = report.alerts().events();

    for (int i = 1; i < events.size(); i++) {
      ThresholdCrossed a = events.get(i - 1);
      ThresholdCrossed b = events.get(i);
      assertThat(a.threshold()).isGreaterThanOrEqualTo(b.threshold());
      if (a.threshold() == b.threshold()) {
        assertThat(owners.indexOf(a.ownerId())).isLessThanOrEqualTo(owners.indexOf(b.ownerId()));
      }
    }
  }

  @Test
  void collect_softLimits_listEveryPlannedOneFlaggedAboveIt() {
    List<BudgetRef> planned = SeedCatalog.owners().stream()
        .flatMap(p -> p.budgets().stream().filter(b -> b.softLimit() != null).map(b -> Applicability.ref(p, b)))
        .toList();
    Map<BudgetRef, TreeRow> rows = rowsByBudget();

    assertThat(report.alerts().softLimits()).extracting(AlertSummary.SoftLimitLine::budget)
        .containsExactlyInAnyOrderElementsOf(planned);
    assertThat(report.alerts().softLimits()).allSatisfy(line -> {
      TreeRow row = rows.get(line.budget());
      assertThat(line.usage()).isEqualTo(row.currentUsage());
      assertThat(line.softLimit()).isEqualTo(row.softLimit());
      assertThat(line.over()).isEqualTo(row.overSoftLimit());
    });
    assertThat(report.alerts().softLimits()).anyMatch(AlertSummary.SoftLimitLine::over);
  }

  @Test
  void render_report_printsTheReservationsAndAlertsSectionsBeforeTheTrees() {
    String text = ReportRenderer.render(report);
    ReservationStats r = report.reservations();

    assertThat(text).contains(ReservationsSection.render(report), AlertsSection.render(report.alerts()),
        "  complete " + Format.count(r.completions()) + " AI completions through a reservation (below)\n",
        "  late     " + Format.count(r.settledAfterExpiry()) + " settled after the hold expired",
        "  listener  " + Format.count(report.alerts().announced()) + " announced (thresholds reached), "
            + Format.count(report.alerts().listener().delivered()) + " delivered, 0 failed, 0 dropped\n");
    assertThat(text.indexOf(ReservationsSection.TITLE)).isLessThan(text.indexOf(AlertsSection.TITLE))
        .isLessThan(text.indexOf("Governance tree · "));
  }

  @Test
  void run_sameSeedOnTwoThreads_rendersTheSameReservationsAndAlerts() throws InterruptedException {
    Simulation again = Simulation.prepare(SeedCatalog.owners(), SEED, REQUESTS);
    DemoReport replay = DemoReport.collect(again, again.run(2, new Progress(REQUESTS)), SEED);

    assertThat(replay.reservations()).isEqualTo(report.reservations());
    assertThat(ReservationsSection.render(replay)).isEqualTo(ReservationsSection.render(report));
    assertThat(AlertsSection.render(replay.alerts())).isEqualTo(AlertsSection.render(report.alerts()));
    assertThat(ReportRenderer.render(replay)).isEqualTo(ReportRenderer.render(report));
  }

  private static Map<BudgetRef, TreeRow> rowsByBudget() {
    Map<BudgetRef, TreeRow> rows = new HashMap<>();
    for (DemoReport.OwnerTree tree : report.trees()) {
      for (TreeRow row : tree.rows()) {
        rows.put(new BudgetRef(tree.ownerId(), row.entityId(), row.capabilityId(), List.copyOf(row.scopeEntityIds())),
            row);
      }
    }
    return rows;
  }
}
