package dev.governor.bench;

import dev.governor.GovernanceEngine;
import dev.governor.Page;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityUpsert;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.runtime.UsageEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures catalog upserts in batches of 100 new entities, and the first page of 20 budget rows
 * sorted by utilization over 10,000 budgets with live usage, against a baseline that picks the top
 * 20 of 10,000 precomputed doubles with a bounded heap; run with
 * {@code java -jar engine-bench/target/benchmarks.jar CatalogBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class CatalogBenchmark {
  static final int BUDGETS = 10_000;

  /** A fresh engine per iteration so the upsert benchmark measures a store of bounded size. */
  @State(Scope.Benchmark)
  public static class Upserts {
    GovernanceEngine engine;
    int next;

    @Setup(Level.Iteration)
    public void setUp() {
      engine = Chain.engine(Clock.systemUTC());
      engine.entities("cus-bench").upsert(List.of(EntityUpsert.of("org").type("node")));
      next = 0;
    }
  }

  /** An owner with 10,000 budgets holding random usage. */
  @State(Scope.Benchmark)
  public static class Budgets {
    GovernanceEngine engine;
    TreeQuery firstPage;
    double[] utilization;

    @Setup(Level.Trial)
    public void setUp() {
      engine = Chain.engine(Clock.systemUTC());
      SplittableRandom random = new SplittableRandom(7);
      engine.entities("cus-bench").upsert(List.of(EntityUpsert.of("org").type("node")));
      for (int b = 0; b < BUDGETS; b += 100) {
        List<EntityUpsert> users = new ArrayList<>();
        List<AssignmentUpsert> budgets = new ArrayList<>();
        List<UsageEvent> usage = new ArrayList<>();
        for (int i = b; i < b + 100; i++) {
          users.add(EntityUpsert.of("user-" + i).type("node").parent("org").displayName("User " + i));
          budgets.add(AssignmentUpsert.of("user-" + i, Chain.CAPABILITY).usageLimit(1_000_000).cadence("P1M"));
          usage.add(UsageEvent.of("user-" + i, Chain.CAPABILITY, 1 + random.nextInt(1_000_000)));
        }
        engine.entities("cus-bench").upsert(users);
        engine.assignments("cus-bench").upsert(budgets);
        engine.ingest("cus-bench", usage);
      }
      firstPage = TreeQuery.budgets(Chain.CAPABILITY).limit(20);
      utilization = new double[BUDGETS];
      for (int i = 0; i < BUDGETS; i++) {
        utilization[i] = random.nextDouble();
      }
      if (engine.query("cus-bench", firstPage).items().size() != 20) {
        throw new IllegalStateException("the query must return a full page");
      }
    }
  }

  @Benchmark
  public List<Entity> upsertBatch100(Upserts s) {
    List<EntityUpsert> batch = new ArrayList<>(100);
    for (int i = 0; i < 100; i++) {
      batch.add(EntityUpsert.of("user-" + s.next++).type("node").parent("org"));
    }
    return s.engine.entities("cus-bench").upsert(batch);
  }

  @Benchmark
  public Page<TreeRow> queryFirstPageByUtilization(Budgets s) {
    return s.engine.query("cus-bench", s.firstPage);
  }

  /** The baseline: top 20 of 10,000 doubles with a bounded min-heap (root = smallest kept). */
  @Benchmark
  public double[] baselineTopTwentyOfTenThousand(Budgets s) {
    double[] values = s.utilization;
    double[] heap = new double[20];
    int size = 0;
    for (double v : values) {
      if (size < heap.length) {
        heap[size] = v;
        int i = size++;
        while (i > 0 && heap[(i - 1) >>> 1] > heap[i]) {
          double t = heap[i];
          heap[i] = heap[(i - 1) >>> 1];
          heap[(i - 1) >>> 1] = t;
          i = (i - 1) >>> 1;
        }
      } else if (v > heap[0]) {
        heap[0] = v;
        int i = 0;
        while (true) {
          int l = 2 * i + 1;
          if (l >= size) {
            break;
          }
          int m = l + 1 < size && heap[l + 1] < heap[l] ? l + 1 : l;
          if (heap[m] >= heap[i]) {
            break;
          }
          double t = heap[i];
          heap[i] = heap[m];
          heap[m] = t;
          i = m;
        }
      }
    }
    java.util.Arrays.sort(heap);
    return heap;
  }
}
