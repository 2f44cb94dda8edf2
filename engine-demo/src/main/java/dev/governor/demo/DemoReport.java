package dev.governor.demo;

import dev.governor.GovernanceEngine;
import dev.governor.ListenerStats;
import dev.governor.Page;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything the demo prints after a run, read from the run's outcome, from the engine (the
 * governance tree of every owner, through {@code engine.query}) and from the alert listener. Holds no
 * timing, so the same seed gives the same report. Immutable, so thread-safe.
 *
 * @param seed the seed of the workload
 * @param clock the engine's (fixed) time
 * @param calls requests in all streams
 * @param granted consumes granted
 * @param denied consumes denied
 * @param ingestBatches ingest calls
 * @param eventsRecorded ingested events recorded
 * @param denials denied consumes grouped by the budget that blocked them, most first
 * @param trees every owner's budgets, in plan order, each sorted by utilization
 * @param reservations what the AI completions did with their reservations
 * @param alerts the threshold crossings announced during the run, and the soft limits
 */
public record DemoReport(long seed, Instant clock, long calls, long granted, long denied, long ingestBatches,
    long eventsRecorded, List<DenialGroup> denials, List<OwnerTree> trees, ReservationStats reservations,
    AlertSummary alerts) {
  /** The page size of the tree queries. */
  static final int PAGE = 100;
  /** How long {@link #collect} waits at most for the listener to receive the run's alerts. */
  static final Duration ALERT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);

  public DemoReport {
    denials = List.copyOf(denials);
    trees = List.copyOf(trees);
  }

  /**
   * How many consumes one budget denied.
   *
   * @param budget the first denying budget of those consumes
   * @param count how many
   */
  public record DenialGroup(BudgetRef budget, long count) {}

  /**
   * One owner's governance tree: its budget rows as the engine's query returns them.
   *
   * @param ownerId the owner
   * @param title the owner's name
   * @param rows every budget row, in the query's order (utilization, descending; unlimited last)
   */
  public record OwnerTree(String ownerId, String title, List<TreeRow> rows) {
    public OwnerTree {
      rows = List.copyOf(rows);
    }
  }

  /**
   * Collects the report of a finished run of {@code simulation}: reads every owner's tree, then waits
   * until the listener has received every threshold crossing the run announced (delivery is
   * asynchronous), at most {@link #ALERT_DELIVERY_TIMEOUT}.
   */
  public static DemoReport collect(Simulation simulation, RunResult run, long seed) throws InterruptedException {
    GovernanceEngine engine = simulation.engine();
    List<OwnerWorkload> workloads = simulation.workloads();
    List<DenialGroup> denials = run.denialsByBudget().entrySet().stream()
        .map(e -> new DenialGroup(e.getKey(), e.getValue()))
        .sorted(Comparator.comparingLong(DenialGroup::count).reversed().thenComparing(DenialGroup::budget))
        .toList();
    List<OwnerTree> trees = workloads.stream()
        .map(w -> new OwnerTree(w.ownerId(), w.plan().title(), budgetRows(engine, w.ownerId())))
        .toList();
    long calls = workloads.stream().mapToLong(w -> w.calls().size()).sum();
    ListenerStats listener = AlertCollector.awaitAccounted(simulation.engines(), AlertSummary.reached(trees),
        ALERT_DELIVERY_TIMEOUT);
    AlertSummary alerts = AlertSummary.of(trees, simulation.alerts().events(), listener);
    return new DemoReport(seed, engine.clock().instant(), calls, run.granted(), run.denied(), run.ingestBatches(),
        run.eventsRecorded(), denials, trees, run.reservations(), alerts);
  }

  /** The amount open reservations hold on all budgets now (the trees' reserved column, summed). */
  public long heldAtEnd() {
    return trees.stream().flatMap(t -> t.rows().stream())
        .mapToLong(r -> r.reserved() == null ? 0 : r.reserved()).sum();
  }

  /** Every budget row of an owner, sorted by utilization (the query's default), page after page. */
  static List<TreeRow> budgetRows(GovernanceEngine engine, String ownerId) {
    List<TreeRow> rows = new ArrayList<>();
    TreeQuery query = TreeQuery.budgets(SeedCatalog.AI_TOKENS, SeedCatalog.API_CALLS).limit(PAGE);
    Page<TreeRow> page;
    do {
      page = engine.query(ownerId, query);
      rows.addAll(page.items());
      query = query.after(page.nextCursor());
    } while (page.hasNext());
    return rows;
  }
}
