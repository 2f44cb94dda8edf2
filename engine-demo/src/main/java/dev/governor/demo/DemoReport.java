package dev.governor.demo;

import dev.governor.GovernanceEngine;
import dev.governor.Page;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything the demo prints after a run, read from the run's outcome and from the engine (the
 * governance tree of every owner, through {@code engine.query}). Holds no timing, so the same seed
 * gives the same report. Immutable.
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
 */
public record DemoReport(long seed, Instant clock, long calls, long granted, long denied, long ingestBatches,
    long eventsRecorded, List<DenialGroup> denials, List<OwnerTree> trees) {
  /** The page size of the tree queries. */
  static final int PAGE = 100;

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

  /** Collects the report of a finished run. */
  public static DemoReport collect(GovernanceEngine engine, List<OwnerWorkload> workloads, RunResult run, long seed) {
    List<DenialGroup> denials = run.denialsByBudget().entrySet().stream()
        .map(e -> new DenialGroup(e.getKey(), e.getValue()))
        .sorted(Comparator.comparingLong(DenialGroup::count).reversed().thenComparing(DenialGroup::budget))
        .toList();
    List<OwnerTree> trees = workloads.stream()
        .map(w -> new OwnerTree(w.ownerId(), w.plan().title(), budgetRows(engine, w.ownerId())))
        .toList();
    long calls = workloads.stream().mapToLong(w -> w.calls().size()).sum();
    return new DemoReport(seed, engine.clock().instant(), calls, run.granted(), run.denied(), run.ingestBatches(),
        run.eventsRecorded(), denials, trees);
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
