package dev.governor.demo;

import dev.governor.ListenerStats;
import dev.governor.query.TreeRow;
import dev.governor.runtime.ThresholdCrossed;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alerts of a run (docs/semantics.md §5.1 and §5.2): the threshold crossings the listener received,
 * how many the run announced, what became of them, and the budgets with a soft limit. The events are
 * sorted (highest threshold first, then by owner in plan order, entity, capability and scope), so the
 * same run gives the same summary however the delivery threads interleaved. Immutable, so thread-safe.
 *
 * @param thresholds one line per threshold fraction in use, ascending
 * @param events every event delivered, sorted
 * @param announced the thresholds the run reached, by the final usage of the budgets: each was claimed
 *     by exactly one add and announced by the engine that made it
 * @param listener the engines' listener statistics, summed, once delivery had caught up
 * @param softLimits every budget with a soft limit, in the order of the trees
 */
public record AlertSummary(List<ThresholdLine> thresholds, List<ThresholdCrossed> events, long announced,
    ListenerStats listener, List<SoftLimitLine> softLimits) {
  /** A run without alerts. */
  public static final AlertSummary NONE = new AlertSummary(List.of(), List.of(), 0, new ListenerStats(0, 0, 0, 0),
      List.of());

  public AlertSummary {
    thresholds = List.copyOf(thresholds);
    events = List.copyOf(events);
    softLimits = List.copyOf(softLimits);
  }

  /**
   * One alert threshold across the run.
   *
   * @param threshold the fraction of the limit, such as 0.8
   * @param budgets how many budgets carry it
   * @param crossings how many of them the listener heard reach it (at most {@code budgets}: once per period)
   */
  public record ThresholdLine(double threshold, int budgets, long crossings) {}

  /**
   * A budget with a soft limit, at the end of the run.
   *
   * @param budget the budget
   * @param usage its usage
   * @param softLimit its soft limit
   * @param limit its limit, or null when tracked but unlimited
   */
  public record SoftLimitLine(BudgetRef budget, long usage, long softLimit, Long limit) {
    /** True when usage is above the soft limit (equal is not above). */
    public boolean over() {
      return usage > softLimit;
    }
  }

  /** The summary of {@code events} against the owners' final budget rows. */
  public static AlertSummary of(List<DemoReport.OwnerTree> trees, List<ThresholdCrossed> events,
      ListenerStats listener) {
    Map<Double, int[]> budgets = new TreeMap<>();
    List<SoftLimitLine> softLimits = new ArrayList<>();
    for (DemoReport.OwnerTree tree : trees) {
      for (TreeRow row : tree.rows()) {
        row.alertThresholds().forEach(f -> budgets.computeIfAbsent(f, k -> new int[1])[0]++);
        if (row.softLimit() != null) {
          softLimits.add(new SoftLimitLine(ref(tree.ownerId(), row), row.currentUsage(), row.softLimit(),
              row.usageLimit()));
        }
      }
    }
    List<ThresholdLine> lines = budgets.entrySet().stream()
        .map(e -> new ThresholdLine(e.getKey(), e.getValue()[0],
            events.stream().filter(x -> Double.compare(x.threshold(), e.getKey()) == 0).count()))
        .toList();
    List<String> owners = trees.stream().map(DemoReport.OwnerTree::ownerId).toList();
    Comparator<ThresholdCrossed> order = Comparator.comparingDouble(ThresholdCrossed::threshold).reversed()
        .thenComparingInt(e -> owners.indexOf(e.ownerId()))
        .thenComparing(ThresholdCrossed::ownerId)
        .thenComparing(ThresholdCrossed::entityId)
        .thenComparing(ThresholdCrossed::capabilityId)
        .thenComparing(e -> String.join(",", e.scopeEntityIds().stream().sorted().toList()))
        .thenComparing(ThresholdCrossed::periodStart);
    return new AlertSummary(lines, events.stream().sorted(order).toList(), reached(trees), listener, softLimits);
  }

  /** How many thresholds the budgets' usage has reached: in one period, each is announced exactly once. */
  static long reached(List<DemoReport.OwnerTree> trees) {
    long reached = 0;
    for (DemoReport.OwnerTree tree : trees) {
      for (TreeRow row : tree.rows()) {
        if (row.usageLimit() == null) {
          continue;
        }
        for (double f : row.alertThresholds()) {
          if (row.currentUsage() >= level(f, row.usageLimit())) {
            reached++;
          }
        }
      }
    }
    return reached;
  }

  /** The usage at which threshold {@code f} of {@code limit} is reached: {@code ceil(f x limit)}, exactly (§5.2). */
  static long level(double f, long limit) {
    return new BigDecimal(Double.toString(f)).multiply(BigDecimal.valueOf(limit)).setScale(0, RoundingMode.CEILING)
        .longValueExact();
  }

  private static BudgetRef ref(String ownerId, TreeRow row) {
    return new BudgetRef(ownerId, row.entityId(), row.capabilityId(), List.copyOf(row.scopeEntityIds()));
  }
}
