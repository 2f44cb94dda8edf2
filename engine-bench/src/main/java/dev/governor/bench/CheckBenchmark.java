package dev.governor.bench;

import dev.governor.GovernanceEngine;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
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
 * Measures a read-only check of a leaf through its chain, with the full-result API and the boolean
 * fast path; run with {@code java -jar engine-bench/target/benchmarks.jar CheckBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CheckBenchmark {
  private static final String OWNER = "cus-bench";

  @Param({"1", "3", "5"})
  int depth;

  @Param({"0", "2"})
  int scoped;

  private GovernanceEngine engine;
  private String leaf;
  private CheckRequest request;

  @Setup
  public void setUp() {
    engine = Chain.engine(Clock.systemUTC());
    leaf = Chain.provision(engine, OWNER, "c", depth, scoped);
    request = CheckRequest.of(leaf, Chain.CAPABILITY);
    if (!engine.isAllowed(OWNER, leaf, Chain.CAPABILITY, 1) || !engine.check(OWNER, request).hasAccess()) {
      throw new IllegalStateException("the benchmark chain must allow a check");
    }
  }

  @Benchmark
  public CheckResult check() {
    return engine.check(OWNER, request);
  }

  @Benchmark
  public boolean isAllowed() {
    return engine.isAllowed(OWNER, leaf, Chain.CAPABILITY, 1);
  }
}
