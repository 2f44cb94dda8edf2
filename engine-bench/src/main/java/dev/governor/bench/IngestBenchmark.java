package dev.governor.bench;

import dev.governor.GovernanceEngine;
import dev.governor.runtime.IngestResult;
import dev.governor.runtime.UsageEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures the ingest of one event and of a batch of 100 events for a leaf of depth 3 with two scoped
 * budgets per level (nine budgets per event); run with
 * {@code java -jar engine-bench/target/benchmarks.jar IngestBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IngestBenchmark {
  private static final String OWNER = "cus-bench";

  private GovernanceEngine engine;
  private List<UsageEvent> one;
  private List<UsageEvent> hundred;

  @Setup
  public void setUp() {
    engine = Chain.engine(Clock.systemUTC());
    String leaf = Chain.provision(engine, OWNER, "c", 3, 2);
    one = List.of(UsageEvent.of(leaf, Chain.CAPABILITY, 1));
    List<UsageEvent> batch = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      batch.add(UsageEvent.of(leaf, Chain.CAPABILITY, 1));
    }
    hundred = List.copyOf(batch);
    if (engine.ingest(OWNER, one).events().get(0).budgets().size() != 9) {
      throw new IllegalStateException("an event of the benchmark leaf must reach nine budgets");
    }
  }

  @Benchmark
  public IngestResult ingestOne() {
    return engine.ingest(OWNER, one);
  }

  @Benchmark
  public IngestResult ingestBatch100() {
    return engine.ingest(OWNER, hundred);
  }
}
