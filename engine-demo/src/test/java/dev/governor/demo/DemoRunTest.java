package dev.governor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.query.TreeRow;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs a small seeded workload on several threads once and checks its report against the engine and
 * against an independent replay of the streams.
 */
class DemoRunTest {
  static final long SEED = 7;
  static final int REQUESTS = 10_000;
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
  void collect_everyBudgetRow_agreesWithTheEnginesCheck() {
    for (DemoReport.OwnerTree tree : report.trees()) {
      for (TreeRow row : tree.rows()) {
        List<String> named = new ArrayList<>(List.of(row.entityId()));
        named.addAll(row.scopeEntityIds());
        CheckResult check = simulation.engine().check(tree.ownerId(),
            CheckRequest.of(Subject.entities(named), row.capabilityId()).amount(0));
        BudgetStatus budget = check.budgets().stream()
            .filter(b -> b.assignmentId().equals(row.assignmentId())).findFirst().orElseThrow();
        assertThat(budget.currentUsage()).as("%s %s", tree.ownerId(), row).isEqualTo(row.currentUsage());
        assertThat(budget.usageLimit()).isEqualTo(row.usageLimit());
      }
    }
  }

  @Test
  void render_everyBudgetRow_printsTheEnginesUsageAndLimit() {
    for (DemoReport.OwnerTree tree : report.trees()) {
      List<String> lines = ReportRenderer.tree(tree).lines().toList();
      assertThat(lines).hasSize(tree.rows().size() + 1);
      for (int i = 0; i < tree.rows().size(); i++) {
        TreeRow row = tree.rows().get(i);
        String limit = row.usageLimit() == null ? ReportRenderer.UNLIMITED : Format.count(row.usageLimit());
        assertThat(lines.get(i + 1))
            .startsWith(ReportRenderer.INDENT + row.entityId() + " ")
            .matches(".* " + Format.count(row.currentUsage()) + " +" + limit + " .*")
            .endsWith(UtilizationBar.render(row.currentUsage(), row.usageLimit()));
      }
    }
  }

  @Test
  void collect_trees_listEveryPlannedBudgetOnceSortedByUtilization() {
    for (int o = 0; o < report.trees().size(); o++) {
      OwnerPlan plan = simulation.workloads().get(o).plan();
      List<TreeRow> rows = report.trees().get(o).rows();
      assertThat(rows.stream().map(r -> ref(plan.ownerId(), r)))
          .containsExactlyInAnyOrderElementsOf(plan.budgets().stream().map(b -> Applicability.ref(plan, b)).toList());
      List<Double> limited = rows.stream().map(TreeRow::utilization).takeWhile(u -> u != null).toList();
      assertThat(limited).isSortedAccordingTo((a, b) -> Double.compare(b, a));
      assertThat(rows.subList(limited.size(), rows.size())).allMatch(r -> r.usageLimit() == null);
    }
  }

  @Test
  void run_everyDenial_wasByALimitedBudgetWithNoRoomForTheAmount() {
    Map<BudgetRef, TreeRow> rows = rowsByBudget();
    long denials = 0;
    for (int o = 0; o < run.owners().size(); o++) {
      List<Call> calls = simulation.workloads().get(o).calls();
      List<BudgetRef> blockedBy = run.owners().get(o).blockedBy();
      for (int i = 0; i < calls.size(); i++) {
        BudgetRef blocker = blockedBy.get(i);
        if (blocker == null) {
          continue;
        }
        denials++;
        Call.Consume consume = (Call.Consume) calls.get(i);
        TreeRow row = rows.get(blocker);
        assertThat(row.usageLimit()).as("%s blocked call %d", blocker, i).isNotNull();
        assertThat(row.currentUsage() + consume.amount()).as("%s blocked call %d", blocker, i)
            .isGreaterThan(row.usageLimit());
        assertThat(Applicability.budgets(simulation.workloads().get(o).plan(), consume.subject(),
            consume.capabilityId())).contains(blocker);
      }
    }
    assertThat(denials).isEqualTo(run.denied()).isPositive();
    assertThat(report.denials().stream().mapToLong(DemoReport.DenialGroup::count).sum()).isEqualTo(denials);
  }

  @Test
  void run_everyBudgetsUsage_isTheGrantedConsumesTheIngestedEventsAndTheSettlesReachingIt() {
    Map<BudgetRef, Long> expected = new HashMap<>();
    Map<BudgetRef, Long> consumedOnly = new HashMap<>();
    for (int o = 0; o < run.owners().size(); o++) {
      OwnerWorkload workload = simulation.workloads().get(o);
      workload.plan().budgets().forEach(b -> expected.put(Applicability.ref(workload.plan(), b), 0L));
      for (int i = 0; i < workload.calls().size(); i++) {
        Call call = workload.calls().get(i);
        if (call instanceof Call.Consume c && run.owners().get(o).blockedBy().get(i) == null) {
          for (BudgetRef ref : Applicability.budgets(workload.plan(), c.subject(), c.capabilityId())) {
            expected.merge(ref, c.amount(), Long::sum);
            consumedOnly.merge(ref, c.amount(), Long::sum);
          }
        } else if (call instanceof Call.Ingest in) {
          for (UsageEvent e : in.events()) {
            Applicability.budgets(workload.plan(), e.subject(), e.capabilityId())
                .forEach(ref -> expected.merge(ref, e.amount(), Long::sum));
          }
        } else if (call instanceof Call.Complete c && run.owners().get(o).reserveBlockedBy().get(i) == null
            && c.ending() != Call.Complete.Ending.FAIL) {
          Applicability.budgets(workload.plan(), c.subject(), c.capabilityId())
              .forEach(ref -> expected.merge(ref, c.actual(), Long::sum));
        }
      }
    }
    Map<BudgetRef, TreeRow> rows = rowsByBudget();
    assertThat(rows.keySet()).isEqualTo(expected.keySet());
    expected.forEach((ref, usage) -> assertThat(rows.get(ref).currentUsage()).as("%s", ref).isEqualTo(usage));
    consumedOnly.forEach((ref, usage) -> {
      Long limit = rows.get(ref).usageLimit();
      assertThat(limit == null || usage <= limit).as("consumes alone stay within %s", ref).isTrue();
    });
  }

  @Test
  void run_ingestBatches_areAllRecorded() {
    long events = simulation.workloads().stream().flatMap(w -> w.calls().stream())
        .filter(c -> c instanceof Call.Ingest).mapToLong(c -> ((Call.Ingest) c).events().size()).sum();
    assertThat(report.ingestBatches()).isPositive();
    assertThat(report.eventsRecorded()).isEqualTo(events);
    assertThat(report.granted() + report.denied() + report.ingestBatches() + report.reservations().completions())
        .isEqualTo(REQUESTS);
  }

  @Test
  void run_skewedWorkload_blocksSomeTeamsAndLeavesOthersHeadroom() {
    List<TreeRow> teams = report.trees().stream().flatMap(t -> t.rows().stream())
        .filter(r -> r.entityTypeId().equals(SeedCatalog.TEAM) && r.usageLimit() != null).toList();
    assertThat(teams).anyMatch(r -> r.utilization() >= 0.95).anyMatch(r -> r.utilization() < 0.8);
    assertThat(report.denials()).extracting(g -> g.budget().entityId()).contains("team-eng");
    assertThat(report.trees().stream().flatMap(t -> t.rows().stream()))
        .anyMatch(r -> r.usageLimit() == null && r.currentUsage() > 0);
  }

  @Test
  void run_sameSeedOnOneThread_rendersTheSameReport() throws InterruptedException {
    Simulation again = Simulation.prepare(SeedCatalog.owners(), SEED, REQUESTS);
    RunResult sequential = again.run(1, new Progress(REQUESTS));
    DemoReport replay = DemoReport.collect(again, sequential, SEED);

    assertThat(ReportRenderer.render(replay)).isEqualTo(ReportRenderer.render(report));
  }

  @Test
  void run_otherSeed_rendersAnotherReport() throws InterruptedException {
    Simulation other = Simulation.prepare(SeedCatalog.owners(), SEED + 1, REQUESTS);
    DemoReport otherReport = DemoReport.collect(other, other.run(THREADS, new Progress(REQUESTS)), SEED + 1);

    assertThat(ReportRenderer.render(otherReport)).isNotEqualTo(ReportRenderer.render(report));
  }

  private static Map<BudgetRef, TreeRow> rowsByBudget() {
    Map<BudgetRef, TreeRow> rows = new HashMap<>();
    for (DemoReport.OwnerTree tree : report.trees()) {
      for (TreeRow row : tree.rows()) {
        assertThat(rows.put(ref(tree.ownerId(), row), row)).isNull();
      }
    }
    return rows;
  }

  private static BudgetRef ref(String ownerId, TreeRow row) {
    return new BudgetRef(ownerId, row.entityId(), row.capabilityId(), List.copyOf(row.scopeEntityIds()));
  }
}
