package dev.governor.demo;

import dev.governor.spi.GovernanceStore;
import dev.governor.storage.memory.MemoryStore;
import dev.governor.storage.redis.RedisStore;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The README's demo: the hosted product's seed catalog and five owners on the in-memory store, a
 * concurrent workload of consumes by dimensions and ingest batches, then the denials and every
 * owner's governance tree.
 *
 * <p><b>Determinism.</b> The same {@code --seed} gives the same report, however the threads
 * interleave, because:
 * <ul>
 *   <li>each owner's request stream is generated from the seed before anything runs
 *       ({@link WorkloadGenerator});
 *   <li>each owner's stream is replayed in order by exactly one worker thread, while the owners run
 *       concurrently ({@link WorkloadRunner}); owners share no budget, so the order in which two
 *       owners' requests reach the engine cannot change any answer;
 *   <li>the engine's clock is fixed mid-month, mid-day ({@link Simulation#NOW}), so no period boundary
 *       is crossed during a run, and all timestamps and periods are the same in every run.
 * </ul>
 * Only the progress line and the timing at the end vary between runs.
 *
 * <p>Run with {@code mvn -q -B install -DskipTests && mvn -q -B -pl engine-demo exec:java}, adding
 * {@code -Dexec.args="--seed 7"} for another seed ({@link DemoOptions#USAGE}).
 */
public final class GovernorDemo {
  private GovernorDemo() {}

  public static void main(String[] args) throws InterruptedException {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(DemoOptions.USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.print(DemoOptions.USAGE);
      return;
    }
    run(options, System.out, System.err);
  }

  /** Runs the demo, printing the report to {@code out} and the progress line to {@code progressOut}. */
  static DemoReport run(DemoOptions options, PrintStream out, PrintStream progressOut) throws InterruptedException {
    long startNanos = System.nanoTime();
    List<OwnerPlan> plans = SeedCatalog.owners();
    out.printf(Locale.ROOT, "Governor demo · seed %d (replay with --seed %d) · %d owners · %s requests · %d threads%n",
        options.seed(), options.seed(), plans.size(), Format.count(options.requests()), options.threads());
    if (options.redisUri() == null) {
      return run(options, MemoryStore.create(), plans, startNanos, out, progressOut);
    }
    // A key prefix of its own: a run never sees an earlier run's catalog or usage.
    String prefix = "governor-demo-" + System.currentTimeMillis() + ":";
    try (RedisStore store = RedisStore.builder().uri(options.redisUri()).keyPrefix(prefix).build()) {
      out.printf(Locale.ROOT, "Store: Redis at %s, keys under %s (remove them with: redis-cli --scan --pattern '%s*' | "
          + "xargs redis-cli del)%n", options.redisUri(), prefix, prefix);
      return run(options, store, plans, startNanos, out, progressOut);
    }
  }

  private static DemoReport run(DemoOptions options, GovernanceStore store, List<OwnerPlan> plans, long startNanos,
      PrintStream out, PrintStream progressOut) throws InterruptedException {
    Simulation simulation = Simulation.prepare(store, plans, options.seed(), options.requests());
    out.printf(Locale.ROOT, "Provisioned %d entity types, %d capabilities, %d entities and %d budgets; "
            + "generated the owners' request streams%n", SeedCatalog.TYPES.size(), SeedCatalog.CAPABILITIES.size(),
        plans.stream().mapToInt(p -> p.nodes().size()).sum(), plans.stream().mapToInt(p -> p.budgets().size()).sum());
    Progress progress = new Progress(simulation.calls());
    long runNanos = System.nanoTime();
    ProgressMeter meter = ProgressMeter.start(progress, progressOut);
    RunResult run;
    try {
      run = simulation.run(options.threads(), progress);
    } finally {
      meter.stop();
    }
    runNanos = System.nanoTime() - runNanos;
    DemoReport report = DemoReport.collect(simulation.engine(), simulation.workloads(), run, options.seed());
    out.println();
    out.print(ReportRenderer.render(report));
    out.printf(Locale.ROOT, "%nWorkload: %s requests on %d threads in %.2f s (%s requests/s); whole demo %.2f s%n",
        Format.count(report.calls()), options.threads(), runNanos / 1e9,
        Format.count((long) (report.calls() * 1e9 / Math.max(1, runNanos))), (System.nanoTime() - startNanos) / 1e9);
    return report;
  }
}
