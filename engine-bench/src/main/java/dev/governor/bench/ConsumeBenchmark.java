package dev.governor.bench;

import dev.governor.GovernanceEngine;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import java.time.Clock;
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
 * Measures the atomic consume of a leaf through its chain, with the full-result API and the boolean
 * fast path; run with {@code java -jar engine-bench/target/benchmarks.jar ConsumeBenchmark}.
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

  /** Alert thresholds on every budget (none reached: the cost of having them). */
  @Param({"0", "3"})
  int thresholds;

  private GovernanceEngine engine;
  private String leaf;
  private ConsumeRequest request;

  @Setup
  public void setUp() {
    engine = Chain.engine(Clock.systemUTC());
    leaf = Chain.provision(engine, OWNER, "c", depth, scoped, thresholds);
    request = ConsumeRequest.of(leaf, Chain.CAPABILITY, 1);
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
}
