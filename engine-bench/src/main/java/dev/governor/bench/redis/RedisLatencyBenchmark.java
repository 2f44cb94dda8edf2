package dev.governor.bench.redis;

import dev.governor.GovernanceEngine;
import dev.governor.storage.redis.RedisStore;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of one decision on a local Redis, one thread, each call waiting for its reply: a
 * {@code tryConsume} of the user of a depth-3 chain org → team → user, each level with its
 * node-wide budget and 2 scoped budgets (9 budgets, {@code ConsumeBenchmark}'s depth 3 / scoped 2
 * shape) through {@link GovernanceEngine} over {@link RedisStore}; Bucket4j's Lettuce proxy manager
 * consuming 1 token of one bucket that never denies; and one bare {@code INCRBY} (Lettuce, sync), the
 * floor of any round trip. Each with Redis keeping no file ({@code persistence=none}) and with an
 * append-only file fsynced on every write ({@code persistence=always}). Average and sampled
 * (p50/p99) time; run with
 * {@code java -jar engine-bench/target/benchmarks.jar RedisLatencyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@Threads(1)
public class RedisLatencyBenchmark {
  private static final String OWNER = "cus-bench";

  @Param({"none", "always"})
  String persistence;

  private BenchRedis redis;
  private RedisStore store;
  private GovernanceEngine engine;
  private String leaf;
  private RedisClient client;
  private StatefulRedisConnection<String, byte[]> bucketConnection;
  private BucketProxy bucket;
  private StatefulRedisConnection<String, String> plainConnection;
  private RedisCommands<String, String> plain;

  @Setup(Level.Trial)
  public void setUp() {
    redis = BenchRedis.start(persistence);
    store = Shapes.redisStore(redis.uri(), true);
    engine = Shapes.engine(store);
    leaf = Shapes.chain(engine, OWNER, List.of("org", "team", "user"), 2);
    if (!engine.tryConsume(OWNER, leaf, Shapes.CAPABILITY, 1)) {
      throw new IllegalStateException("the benchmark chain must grant a consume");
    }

    client = RedisClient.create(redis.uri());
    bucketConnection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    LettuceBasedProxyManager<String> proxyManager = Bucket4jLettuce.casBasedBuilder(bucketConnection).build();
    bucket = proxyManager.builder().build("bench-bucket", Shapes::hugeBucket);
    if (!bucket.tryConsume(1)) {
      throw new IllegalStateException("the Bucket4j bucket must grant");
    }

    plainConnection = client.connect(StringCodec.UTF8);
    plain = plainConnection.sync();
    plain.incrby("bench-counter", 1);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      closeAll(store, plainConnection, bucketConnection, client == null ? null : client::shutdown);
    } finally {
      if (redis != null) {
        redis.close();
      }
    }
  }

  /** The engine's boolean consume through 9 budgets: one FCALL. */
  @Benchmark
  public boolean governorTryConsume() {
    return engine.tryConsume(OWNER, leaf, Shapes.CAPABILITY, 1);
  }

  /** Bucket4j's compare-and-swap proxy: a GET of the bucket's state, then a script that swaps it. */
  @Benchmark
  public boolean bucket4jTryConsume() {
    return bucket.tryConsume(1);
  }

  /** One bare round trip. */
  @Benchmark
  public Long lettuceIncrBy() {
    return plain.incrby("bench-counter", 1);
  }

  /** Closes each non-null resource, all of them even if one fails. */
  static void closeAll(AutoCloseable... resources) {
    RuntimeException first = null;
    for (AutoCloseable r : resources) {
      if (r == null) {
        continue;
      }
      try {
        r.close();
      } catch (Exception e) {
        if (first == null) {
          first = new IllegalStateException("closing a Redis resource failed", e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
