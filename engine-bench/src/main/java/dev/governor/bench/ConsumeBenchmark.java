package dev.governor.bench;

import dev.governor.GovernanceEngine;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures the atomic consume of a leaf through its chain (full-result API and the boolean fast
 * path) and the ingest of one event and of a batch of 100; run with
 * {@code java -jar engine-bench/target/benchmarks.jar ConsumeBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConsumeBenchmark {
  private static final String OWNER = "cus-bench";

  @Param({"1", "3", "5"})
  int depth;

  @Param({"0", "2"})
  int scoped;

  private GovernanceEngine engine;
  private String leaf;
  private ConsumeRequest request;
  private List<UsageEvent> one;
  private List<UsageEvent> hundred;

  @Setup
  public void setUp() {
    engine = Chain.engine(Clock.systemUTC());
    leaf = Chain.provision(engine, OWNER, "c", depth, scoped);
    request = ConsumeRequest.of(leaf, Chain.CAPABILITY, 1);
    one = List.of(UsageEvent.of(leaf, Chain.CAPABILITY, 1));
    List<UsageEvent> batch = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      batch.add(UsageEvent.of(leaf, Chain.CAPABILITY, 1));
    }
    hundred = List.copyOf(batch);
    if (!engine.tryConsume(OWNER, leaf, Chain.CAPABILITY, 1)) {
      throw new IllegalStateException("the benchmark chain must grant a consume");
    }
  }

  @Benchmark
  public ConsumeResult consume() {
    return engine.consume(OWNER, request);
  }

  @Benchmark
  public boolean tryConsume() {
    return engine.tryConsume(OWNER, leaf, Chain.CAPABILITY, 1);
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
