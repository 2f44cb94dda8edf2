package dev.governor.bench;

import dev.governor.GovernanceEngine;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.EntityUpsert;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures {@code tryConsume} throughput with one and two threads, on distinct owners (nothing
 * shared) and on one owner whose threads all charge the same org budget (each thread its own user
 * under one team and org, depth 3); run with
 * {@code java -jar engine-bench/target/benchmarks.jar ContentionBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ContentionBenchmark {
  static final int MAX_THREADS = 2;

  /** One engine holding both shapes: an owner per thread, and one shared org with a user per thread. */
  @State(Scope.Benchmark)
  public static class Engine {
    GovernanceEngine engine;
    final String[] ownLeaves = new String[MAX_THREADS];
    final String[] sharedLeaves = new String[MAX_THREADS];
    final AtomicInteger nextThread = new AtomicInteger();

    @Setup
    public void setUp() {
      engine = Chain.engine(Clock.systemUTC());
      for (int t = 0; t < MAX_THREADS; t++) {
        ownLeaves[t] = Chain.provision(engine, "cus-own-" + t, "own" + t, 3, 0);
      }
      String teamLeaf = Chain.provision(engine, "cus-shared", "shared", 2, 0);
      for (int t = 0; t < MAX_THREADS; t++) {
        String user = "shared-user-" + t;
        engine.entities("cus-shared").upsert(List.of(EntityUpsert.of(user).type("node").parent(teamLeaf)));
        engine.assignments("cus-shared").upsert(List.of(
            AssignmentUpsert.of(user, Chain.CAPABILITY).usageLimit(Chain.LIMIT).cadence("P1M")));
        sharedLeaves[t] = user;
      }
    }
  }

  /** Which slot the benchmark thread uses. */
  @State(Scope.Thread)
  public static class Slot {
    String owner;
    String ownLeaf;
    String sharedLeaf;

    @Setup
    public void setUp(Engine e) {
      int index = e.nextThread.getAndIncrement() % MAX_THREADS;
      owner = "cus-own-" + index;
      ownLeaf = e.ownLeaves[index];
      sharedLeaf = e.sharedLeaves[index];
    }
  }

  @Benchmark
  @Threads(1)
  public boolean distinctOwners1Thread(Engine e, Slot s) {
    return e.engine.tryConsume(s.owner, s.ownLeaf, Chain.CAPABILITY, 1);
  }

  @Benchmark
  @Threads(2)
  public boolean distinctOwners2Threads(Engine e, Slot s) {
    return e.engine.tryConsume(s.owner, s.ownLeaf, Chain.CAPABILITY, 1);
  }

  @Benchmark
  @Threads(1)
  public boolean sharedOrg1Thread(Engine e, Slot s) {
    return e.engine.tryConsume("cus-shared", s.sharedLeaf, Chain.CAPABILITY, 1);
  }

  @Benchmark
  @Threads(2)
  public boolean sharedOrg2Threads(Engine e, Slot s) {
    return e.engine.tryConsume("cus-shared", s.sharedLeaf, Chain.CAPABILITY, 1);
  }
}
