package dev.governor.bench;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Measures the baselines the engine is compared with in the same run: a {@code ConcurrentHashMap.get}
 * with String keys (once, and as many times as a check's minimum lookups: owner, entity,
 * capability), {@code AtomicLong.addAndGet}, and a Bucket4j local bucket's {@code tryConsume(1)};
 * run with {@code java -jar engine-bench/target/benchmarks.jar BaselineBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BaselineBenchmark {
  private final ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();
  private final AtomicLong counter = new AtomicLong();
  private String ownerKey;
  private String entityKey;
  private String capabilityKey;
  private Bucket bucket;

  @Setup
  public void setUp() {
    for (int i = 0; i < 1_000; i++) {
      map.put("cus-" + i, Integer.valueOf(i));
      map.put("user-" + i, Integer.valueOf(i));
    }
    map.put("ai-tokens", Integer.valueOf(-1));
    // Fresh String instances, as a request handler would pass: equals() must compare the chars.
    ownerKey = new String("cus-17".toCharArray());
    entityKey = new String("user-42".toCharArray());
    capabilityKey = new String("ai-tokens".toCharArray());
    // Refills one token per nanosecond (Bucket4j's highest rate), so tryConsume(1) always succeeds,
    // like the engine's budgets in the benchmarks it is compared with.
    bucket = Bucket.builder()
        .addLimit(limit -> limit.capacity(1_000_000_000_000L).refillGreedy(1_000_000_000L, Duration.ofSeconds(1)))
        .build();
    if (!bucket.tryConsume(1)) {
      throw new IllegalStateException("the baseline bucket must grant");
    }
  }

  @Benchmark
  public Object chmGet() {
    return map.get(entityKey);
  }

  @Benchmark
  public int chmGetMinimumLookups() {
    return map.get(ownerKey).hashCode() + map.get(entityKey).hashCode() + map.get(capabilityKey).hashCode();
  }

  @Benchmark
  public long atomicLongAddAndGet() {
    return counter.addAndGet(1);
  }

  @Benchmark
  public boolean bucket4jTryConsume() {
    return bucket.tryConsume(1);
  }
}
