package dev.governor.bench.redis;

import dev.governor.GovernanceEngine;
import dev.governor.storage.redis.RedisStore;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Sixteen threads in one JVM consuming one shared limit on a local Redis, limits high enough never
 * to deny: through {@link GovernanceEngine} over {@link RedisStore}, each thread its own user under
 * one team and org (every consume also charges the shared team and org budgets), with the store's
 * batching on ({@code governorBatched}) and off ({@code governorUnbatched}); and Bucket4j's Lettuce
 * proxy manager, every thread consuming 1 token of one shared bucket, plain ({@code bucket4j}) and
 * with {@code Optimizations.batching()} ({@code bucket4jBatching}). Each store or client has one
 * Lettuce connection, shared by the threads. Each system is measured twice, in separate methods so
 * each gets its unit: throughput in ops/s (methods without a suffix) and sampled latency in µs, for
 * p50/p99 ({@code ...Latency}). Each with {@code persistence} none and always (see
 * {@link RedisLatencyBenchmark}). Run with
 * {@code java -jar engine-bench/target/benchmarks.jar RedisContentionBenchmark}.
 */
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@Threads(RedisContentionBenchmark.THREADS)
public class RedisContentionBenchmark {
  static final int THREADS = 16;

  /** The trial's Redis server. */
  @State(Scope.Benchmark)
  public static class Server {
    @Param({"none", "always"})
    String persistence;

    BenchRedis redis;
    final AtomicInteger nextThread = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() {
      redis = BenchRedis.start(persistence);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      redis.close();
    }
  }

  /** An engine over its own {@link RedisStore}, with a shared org and a user per thread. */
  public abstract static class Governor {
    RedisStore store;
    GovernanceEngine engine;
    String[] users;
    String owner;

    void start(Server server, boolean batching) {
      owner = batching ? "cus-batched" : "cus-unbatched";
      store = Shapes.redisStore(server.redis.uri(), batching);
      engine = Shapes.engine(store);
      users = Shapes.sharedOrg(engine, owner, THREADS);
      for (String user : users) {
        if (!engine.tryConsume(owner, user, Shapes.CAPABILITY, 1)) {
          throw new IllegalStateException("the shared org must grant a consume");
        }
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      store.close();
    }
  }

  @State(Scope.Benchmark)
  public static class GovernorBatched extends Governor {
    @Setup(Level.Trial)
    public void setUp(Server server) {
      start(server, true);
    }
  }

  @State(Scope.Benchmark)
  public static class GovernorUnbatched extends Governor {
    @Setup(Level.Trial)
    public void setUp(Server server) {
      start(server, false);
    }
  }

  /** A Bucket4j proxy manager on its own connection, and the one bucket every thread consumes. */
  public abstract static class Bucket4j {
    RedisClient client;
    StatefulRedisConnection<String, byte[]> connection;
    BucketProxy bucket;

    void start(Server server, boolean batching) {
      client = RedisClient.create(server.redis.uri());
      connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
      LettuceBasedProxyManager<String> proxyManager = Bucket4jLettuce.casBasedBuilder(connection).build();
      bucket = batching
          ? proxyManager.builder().withOptimization(Optimizations.batching()).build("bench-bucket-batching", Shapes::hugeBucket)
          : proxyManager.builder().build("bench-bucket", Shapes::hugeBucket);
      if (!bucket.tryConsume(1)) {
        throw new IllegalStateException("the Bucket4j bucket must grant");
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      RedisLatencyBenchmark.closeAll(connection, client::shutdown);
    }
  }

  @State(Scope.Benchmark)
  public static class Bucket4jPlain extends Bucket4j {
    @Setup(Level.Trial)
    public void setUp(Server server) {
      start(server, false);
    }
  }

  @State(Scope.Benchmark)
  public static class Bucket4jBatching extends Bucket4j {
    @Setup(Level.Trial)
    public void setUp(Server server) {
      start(server, true);
    }
  }

  /** The benchmark thread's user. */
  @State(Scope.Thread)
  public static class Slot {
    int index;

    @Setup(Level.Trial)
    public void setUp(Server server) {
      index = server.nextThread.getAndIncrement() % THREADS;
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public boolean governorBatched(GovernorBatched g, Slot s) {
    return g.engine.tryConsume(g.owner, g.users[s.index], Shapes.CAPABILITY, 1);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public boolean governorBatchedLatency(GovernorBatched g, Slot s) {
    return g.engine.tryConsume(g.owner, g.users[s.index], Shapes.CAPABILITY, 1);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public boolean governorUnbatched(GovernorUnbatched g, Slot s) {
    return g.engine.tryConsume(g.owner, g.users[s.index], Shapes.CAPABILITY, 1);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public boolean governorUnbatchedLatency(GovernorUnbatched g, Slot s) {
    return g.engine.tryConsume(g.owner, g.users[s.index], Shapes.CAPABILITY, 1);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public boolean bucket4j(Bucket4jPlain b) {
    return b.bucket.tryConsume(1);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public boolean bucket4jLatency(Bucket4jPlain b) {
    return b.bucket.tryConsume(1);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public boolean bucket4jBatching(Bucket4jBatching b) {
    return b.bucket.tryConsume(1);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public boolean bucket4jBatchingLatency(Bucket4jBatching b) {
    return b.bucket.tryConsume(1);
  }
}
