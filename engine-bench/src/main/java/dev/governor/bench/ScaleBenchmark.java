package dev.governor.bench;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.EntityUpsert;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures check and consume of a user (org, team, user: depth 3, one budget each) in a store
 * holding 1,000, 100,000 or 1,000,000 entities in owners of 1,000, with requests from the users of
 * one owner ({@code owner}: the same working set at every size, so only the store size differs),
 * from 1,000 users spread over the whole store ({@code spread}: at 1,000,000 they sit in 1,000
 * owners, so the working set holds 3x the nodes and outgrows the L2 cache), or uniformly from all
 * users ({@code uniform}: at 1,000,000 most lookups miss every CPU cache); run with
 * {@code java -jar engine-bench/target/benchmarks.jar ScaleBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class ScaleBenchmark {
  static final int ENTITIES_PER_OWNER = 1_000;
  static final int TEAMS_PER_OWNER = 9;

  static final int HOT_SET = 1_000;

  @Param({"1000", "100000", "1000000"})
  int entities;

  @Param({"owner", "spread", "uniform"})
  String access;

  private GovernanceEngine engine;
  private String[] owners;
  private String[] users;
  private int[] order;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    engine = Chain.engine(Clock.systemUTC());
    List<String> ownerList = new ArrayList<>();
    List<String> userList = new ArrayList<>();
    Population.load(engine, entities, ownerList, userList);
    owners = ownerList.toArray(new String[0]);
    users = userList.toArray(new String[0]);
    order = new int[1 << 16];
    SplittableRandom random = new SplittableRandom(42);
    int[] hot = switch (access) {
      case "owner" -> usersOf(owners[owners.length / 2]);
      case "spread" -> random.ints(Math.min(HOT_SET, users.length), 0, users.length).toArray();
      case "uniform" -> null;
      default -> throw new IllegalArgumentException("access: " + access);
    };
    for (int i = 0; i < order.length; i++) {
      order[i] = hot != null ? hot[random.nextInt(hot.length)] : random.nextInt(users.length);
    }
    for (int u = 0; u < users.length; u++) {
      if (!engine.isAllowed(owners[u], users[u], Chain.CAPABILITY, 1)) {
        throw new IllegalStateException("user " + users[u] + " must be allowed");
      }
    }
  }

  /** The indexes of the users of {@code owner}. */
  private int[] usersOf(String owner) {
    return IntStream.range(0, users.length).filter(u -> owners[u].equals(owner)).toArray();
  }

  @Benchmark
  public boolean isAllowed() {
    int u = order[next++ & (order.length - 1)];
    return engine.isAllowed(owners[u], users[u], Chain.CAPABILITY, 1);
  }

  @Benchmark
  public boolean tryConsume() {
    int u = order[next++ & (order.length - 1)];
    return engine.tryConsume(owners[u], users[u], Chain.CAPABILITY, 1);
  }

  /** Loads owners of 1,000 entities each: one org, nine teams, users; every entity holds one budget. */
  static final class Population {
    private Population() {}

    static void load(GovernanceEngine engine, int entities, List<String> ownerOfUser, List<String> users) {
      int ownersNeeded = Math.max(1, entities / ENTITIES_PER_OWNER);
      int perOwner = entities / ownersNeeded;
      for (int o = 0; o < ownersNeeded; o++) {
        String owner = "cus-" + o;
        List<EntityUpsert> batch = new ArrayList<>(100);
        List<AssignmentUpsert> budgets = new ArrayList<>(100);
        batch.add(EntityUpsert.of("org").type("node"));
        budgets.add(AssignmentUpsert.of("org", Chain.CAPABILITY).usageLimit(Chain.LIMIT).cadence("P1M"));
        for (int t = 0; t < TEAMS_PER_OWNER; t++) {
          batch.add(EntityUpsert.of("team-" + t).type("node").parent("org"));
          budgets.add(AssignmentUpsert.of("team-" + t, Chain.CAPABILITY).usageLimit(Chain.LIMIT).cadence("P1M"));
        }
        for (int u = 0; u < perOwner - 1 - TEAMS_PER_OWNER; u++) {
          String user = "user-" + u;
          batch.add(EntityUpsert.of(user).type("node").parent("team-" + (u % TEAMS_PER_OWNER)));
          budgets.add(AssignmentUpsert.of(user, Chain.CAPABILITY).usageLimit(Chain.LIMIT).cadence("P1M"));
          ownerOfUser.add(owner);
          users.add(user);
          if (batch.size() == 100) {
            flush(engine, owner, batch, budgets);
          }
        }
        flush(engine, owner, batch, budgets);
      }
    }

    private static void flush(GovernanceEngine engine, String owner, List<EntityUpsert> batch, List<AssignmentUpsert> budgets) {
      if (!batch.isEmpty()) {
        engine.entities(owner).upsert(batch);
        engine.assignments(owner).upsert(budgets);
        batch.clear();
        budgets.clear();
      }
    }
  }
}
