package dev.governor.demo;

import dev.governor.spi.GovernanceStore;
import dev.governor.storage.memory.MemoryStore;
import dev.governor.storage.redis.RedisStore;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * The README's demo: the hosted product's seed catalog and five owners on the in-memory store, a
 * concurrent workload of consumes by dimensions, ingest batches and AI completions through
 * reservations, then the denials, the reservations, the alerts and every owner's governance tree.
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
 *       is crossed during a run, and all timestamps and periods are the same in every run; the second
 *       engine that settles the slow completions late has a clock fixed a few minutes later;
 *   <li>every completion closes its reservation before its owner's next call, so no hold outlives the
 *       call that made it ({@link CompletionFlow});
 *   <li>threshold crossings reach the listener asynchronously, so the report waits until every one
 *       announced has been accounted for, then sorts them ({@link DemoReport#collect},
 *       {@link AlertSummary}).
 * </ul>
 * Only the progress line and the timing at the end vary between runs (and, with {@code --serve},
 * the port when it is 0, and the token).
 *
 * <p><b>Serving.</b> With {@code --serve} the demo then keeps a {@link DemoServer} open on 127.0.0.1
 * over the same engine, so the REST API and the console show the demo's data, and prints the
 * console's URL and a fresh admin token; Ctrl-C stops it gracefully.
 *
 * <p>Thread-safety: the static methods share no state; each run builds its own store, engines and
 * worker pool.
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
    if (!options.serve()) {
      run(options, System.out, System.err);
      return;
    }
    FinishedRun finished = runOpen(options, System.out, System.err);
    DemoServer server;
    try {
      server = serve(finished, options.port(), System.out);
    } catch (IllegalStateException e) {
      // A busy port is the likely cause: a message, not a stack trace, after the whole report.
      System.err.println("governor demo: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "governor-demo-shutdown"));
    awaitShutdown(server);
  }

  /** Runs the demo, printing the report to {@code out} and the progress line to {@code progressOut}. */
  static DemoReport run(DemoOptions options, PrintStream out, PrintStream progressOut) throws InterruptedException {
    try (FinishedRun finished = runOpen(options, out, progressOut)) {
      return finished.report();
    }
  }

  /**
   * Runs the demo and prints its report, then starts a server over its engine on {@code options.port()}
   * and prints the console's URL and the token ({@code --serve}). The caller closes the server, which
   * closes the demo's store too.
   */
  static DemoServer serve(DemoOptions options, PrintStream out, PrintStream progressOut) throws InterruptedException {
    return serve(runOpen(options, out, progressOut), options.port(), out);
  }

  /** Starts a server over {@code finished}'s engine, handing it the store, and prints where and how to sign in. */
  static DemoServer serve(FinishedRun finished, int port, PrintStream out) {
    DemoServer server;
    try {
      server = DemoServer.start(finished.engine(), port, finished);
    } catch (RuntimeException e) {
      try {
        finished.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    out.println();
    out.println("Console: " + server.consoleUri());
    out.println("Token:   " + server.token() + "   (sign in with it; this server lives until you press Ctrl-C)");
    out.flush();
    return server;
  }

  /**
   * Blocks the main thread for the server's lifetime. Ctrl-C or SIGTERM ends the JVM without
   * interrupting this thread; the shutdown hook closes the server then. An interrupt closes it here.
   */
  private static void awaitShutdown(DemoServer server) {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      server.close();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs the demo and prints the report, leaving the engine and its store open; the caller closes the
   * result (which closes the store when it is Redis).
   */
  static FinishedRun runOpen(DemoOptions options, PrintStream out, PrintStream progressOut) throws InterruptedException {
    long startNanos = System.nanoTime();
    List<OwnerPlan> plans = SeedCatalog.owners();
    out.printf(Locale.ROOT, "Governor demo · seed %d (replay with --seed %d) · %d owners · %s requests · %d threads%n",
        options.seed(), options.seed(), plans.size(), Format.count(options.requests()), options.threads());
    if (options.redisUri() == null) {
      return run(options, MemoryStore.create(), plans, startNanos, out, progressOut);
    }
    // A key prefix of its own: a run never sees an earlier run's catalog or usage.
    String prefix = "governor-demo-" + System.currentTimeMillis() + ":";
    RedisStore store = RedisStore.builder().uri(options.redisUri()).keyPrefix(prefix).build();
    try {
      out.printf(Locale.ROOT, "Store: Redis at %s, keys under %s (remove them with: redis-cli --scan --pattern '%s*' | "
          + "xargs redis-cli del)%n", options.redisUri(), prefix, prefix);
      return run(options, store, plans, startNanos, out, progressOut);
    } catch (InterruptedException | RuntimeException | Error e) {
      try {
        FinishedRun.closeStore(store);
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static FinishedRun run(DemoOptions options, GovernanceStore store, List<OwnerPlan> plans, long startNanos,
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
    DemoReport report = DemoReport.collect(simulation, run, options.seed());
    out.println();
    out.print(ReportRenderer.render(report));
    out.printf(Locale.ROOT, "%nWorkload: %s requests on %d threads in %.2f s (%s requests/s); whole demo %.2f s%n",
        Format.count(report.calls()), options.threads(), runNanos / 1e9,
        Format.count((long) (report.calls() * 1e9 / Math.max(1, runNanos))), (System.nanoTime() - startNanos) / 1e9);
    return new FinishedRun(report, simulation.engine(), store);
  }
}
