package dev.governor.bench.redis;

import dev.governor.GovernanceEngine;
import dev.governor.Page;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.storage.memory.MemoryStore;
import dev.governor.storage.redis.RedisStore;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first page of 20 budget rows ranked by utilization over 10,000 budgets with live usage
 * ({@code CatalogBenchmark}'s shape: one org, 10,000 users each with a budget), on a local Redis
 * ({@code queryFirstPageRedis}: Redis keeps no file, the query only reads) and on the memory store
 * ({@code queryFirstPageMemory}) in the same run. Run with
 * {@code java -jar engine-bench/target/benchmarks.jar RedisQueryBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class RedisQueryBenchmark {
  private static final String OWNER = "cus-bench";
  private static final TreeQuery FIRST_PAGE = TreeQuery.budgets(Shapes.CAPABILITY).limit(20);

  /** 10,000 budgets on Redis; checked to rank exactly as the memory store does. */
  @State(Scope.Benchmark)
  public static class OnRedis {
    BenchRedis redis;
    RedisStore store;
    GovernanceEngine engine;

    @Setup(Level.Trial)
    public void setUp() {
      redis = BenchRedis.start(BenchRedis.Persistence.NONE);
      store = Shapes.redisStore(redis.uri(), true);
      engine = Shapes.engine(store);
      Shapes.tenThousandBudgets(engine, OWNER);
      GovernanceEngine reference = Shapes.engine(MemoryStore.create());
      Shapes.tenThousandBudgets(reference, OWNER);
      List<String> expected = rows(reference.query(OWNER, FIRST_PAGE));
      List<String> actual = rows(engine.query(OWNER, FIRST_PAGE));
      if (expected.size() != 20 || !expected.equals(actual)) {
        throw new IllegalStateException("the first page on Redis must equal the memory store's: expected "
            + expected + ", was " + actual);
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        store.close();
      } finally {
        redis.close();
      }
    }
  }

  /** The same 10,000 budgets on the memory store. */
  @State(Scope.Benchmark)
  public static class InMemory {
    GovernanceEngine engine;

    @Setup(Level.Trial)
    public void setUp() {
      engine = Shapes.engine(MemoryStore.create());
      Shapes.tenThousandBudgets(engine, OWNER);
      if (engine.query(OWNER, FIRST_PAGE).items().size() != 20) {
        throw new IllegalStateException("the query must return a full page");
      }
    }
  }

  @Benchmark
  public Page<TreeRow> queryFirstPageRedis(OnRedis s) {
    return s.engine.query(OWNER, FIRST_PAGE);
  }

  @Benchmark
  public Page<TreeRow> queryFirstPageMemory(InMemory s) {
    return s.engine.query(OWNER, FIRST_PAGE);
  }

  private static List<String> rows(Page<TreeRow> page) {
    return page.items().stream().map(r -> r.entityId() + "=" + r.currentUsage()).toList();
  }
}
