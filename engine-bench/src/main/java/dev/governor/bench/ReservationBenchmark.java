package dev.governor.bench;

import dev.governor.GovernanceEngine;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.ReleaseResult;
import dev.governor.runtime.ReserveRequest;
import dev.governor.runtime.ReserveResult;
import dev.governor.runtime.SettleResult;
import java.time.Clock;
import java.time.Duration;
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
 * A reservation's round trip against the consume it replaces, in the same run and on the same
 * chain: {@code reserveAndSettle} reserves 1 on every budget of a leaf's chain and settles it with
 * 1, {@code consume} consumes 1 through the same chain; {@code reserveKeyedAndSettle} does the same
 * under a new idempotency key each time (the id derived from the key, the retry lookup). Run with
 * {@code java -jar engine-bench/target/benchmarks.jar ReservationBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReservationBenchmark {
  private static final String OWNER = "cus-bench";

  @Param({"3"})
  int depth;

  @Param({"2"})
  int scoped;

  private GovernanceEngine engine;
  private ConsumeRequest consume;
  private ReserveRequest reserve;
  private long keys;

  @Setup
  public void setUp() {
    engine = Chain.engine(Clock.systemUTC());
    String leaf = Chain.provision(engine, OWNER, "c", depth, scoped, 0);
    consume = ConsumeRequest.of(leaf, Chain.CAPABILITY, 1);
    reserve = ReserveRequest.of(leaf, Chain.CAPABILITY, 1, Duration.ofMinutes(1));
    ReserveResult probe = engine.reserve(OWNER, reserve);
    if (!probe.isGranted()) {
      throw new IllegalStateException("the benchmark chain must grant a reservation");
    }
    // Nothing held when a benchmark starts: the consume baseline meets no hold.
    engine.release(OWNER, probe.reservation().id());
  }

  @Benchmark
  public ConsumeResult consume() {
    return engine.consume(OWNER, consume);
  }

  @Benchmark
  public ReleaseResult reserveAndRelease() {
    ReserveResult r = engine.reserve(OWNER, reserve);
    return engine.release(OWNER, r.reservation().id());
  }

  @Benchmark
  public SettleResult reserveKeyedAndSettle() {
    ReserveResult r = engine.reserve(OWNER, reserve.idempotencyKey("req-" + keys++));
    return engine.settle(OWNER, r.reservation().id(), 1);
  }

  @Benchmark
  public SettleResult reserveAndSettle() {
    ReserveResult r = engine.reserve(OWNER, reserve);
    return engine.settle(OWNER, r.reservation().id(), 1);
  }
}
