package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.IngestResult;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import dev.governor.spi.GovernanceStore;
import dev.governor.testing.Seeds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Concurrency conformance of the runtime (docs/semantics.md §6-§5) over {@link #newStore()}: consume never lets a
 * budget pass its limit and loses or invents nothing, ingest loses nothing, a repeated idempotency key
 * counts once whichever thread sends it, and all of that holds while the catalog changes underneath.
 *
 * <p>Each test runs its threads under a deadline; a run that does not finish in time is reported as a
 * hang with a full thread dump. The default sizes keep the whole class to a few seconds on two cores;
 * {@code -Dgovernor.stress.scale=N} (default 1) multiplies every iteration count, and the limits with
 * them, for a longer soak, e.g. {@code mvn -B verify -Dtest='*Concurrency*' -Dgovernor.stress.scale=20}.
 * Thread interleavings are not replayable, but the request mix is derived from the printed seed.
 */
public abstract class ConcurrencyConformanceTest {
  static final String SCALE_PROPERTY = "governor.stress.scale";
  static final int THREADS = 4;

  /** A fresh, empty store for one engine. */
  protected abstract GovernanceStore newStore();

  static int scale() {
    return Math.max(1, Integer.getInteger(SCALE_PROPERTY, 1));
  }

  /**
   * The share of the default sizes this store runs (counts and limits alike, so every test still
   * exhausts its budgets): 1 by default; a store whose every call is a round trip may run less.
   */
  protected double share() {
    return 1.0;
  }

  /** {@code base} times the scale and the share, at least 1. */
  long sized(long base) {
    return Math.max(1L, Math.round(base * scale() * share()));
  }

  /** Long enough that only a hang reaches it, even on a busy machine. */
  static Duration deadline() {
    return Duration.ofMinutes(3L * scale());
  }

  @Test
  void consume_manyThreadsSharingOneOrgBudget_neverPassesALimitAndGrantedSumsEqualUsage() {
    long seed = Seeds.seed(getClass().getSimpleName() + ".consume");
    LoadFixture f = new LoadFixture(newStore(), 3, 3, 0);
    // 4 x 100,000 calls of 1..3 ask for ~800,000: the org, team and user limits are all reached.
    f.limits(sized(500_000L), sized(190_000L), sized(70_000L));
    int calls = (int) sized(100_000);
    long[][] granted = new long[THREADS][f.users.size()];
    AtomicLong denied = new AtomicLong();
    Queue<String> violations = new ConcurrentLinkedQueue<>();
    List<Workers.Task> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      SplittableRandom random = new SplittableRandom(seed + t);
      tasks.add(() -> {
        for (int i = 0; i < calls; i++) {
          int u = random.nextInt(f.users.size());
          String user = f.users.get(u);
          long amount = 1 + random.nextInt(3);
          boolean ok;
          if (i % 2 == 0) {
            ok = f.engine.tryConsume(LoadFixture.OWNER, user, LoadFixture.CAPABILITY, amount);
          } else {
            // Some calls go by dimensions, which resolve and plan per call instead of using the cached plan.
            Subject subject = i % 10 == 1 ? Subject.dimensions(Map.of("userId", user)) : Subject.entity(user);
            ConsumeResult r = f.engine.consume(LoadFixture.OWNER, ConsumeRequest.of(subject, LoadFixture.CAPABILITY, amount));
            ok = r.status() == ConsumeResult.Status.GRANTED;
            if (ok) {
              overLimit(r.budgets(), "granted consume of " + amount + " by " + user, violations);
            }
          }
          if (ok) {
            granted[thread][u] += amount;
          } else {
            denied.incrementAndGet();
          }
        }
      });
    }
    Workers.run("consume", deadline(), tasks, List.of(running -> sampleLimits(f, running, violations)));

    assertThat(violations).as("budgets seen over their limit").isEmpty();
    assertThat(denied.get()).as("denied calls: the limits must have been reached").isPositive();
    assertConservation(f, granted);
    for (String user : f.users) {
      for (BudgetStatus b : f.budgets(Subject.entity(user))) {
        assertThat(b.currentUsage()).as("final usage of %s", b.entityId()).isLessThanOrEqualTo(b.usageLimit());
      }
    }
  }

  @Test
  void ingest_manyThreadsIngestingBatches_usageEqualsTheSumIngestedAtEveryLevel() {
    long seed = Seeds.seed(getClass().getSimpleName() + ".ingest");
    LoadFixture f = new LoadFixture(newStore(), 3, 3, 0);
    // Ingest never gates: the small org and user limits are passed, the teams are tracked unlimited.
    f.limits(1_000L, null, 50L);
    int batches = (int) sized(15_000);
    long[][] ingested = new long[THREADS][f.users.size()];
    Queue<String> problems = new ConcurrentLinkedQueue<>();
    List<Workers.Task> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      SplittableRandom random = new SplittableRandom(seed + t);
      tasks.add(() -> {
        for (int i = 0; i < batches; i++) {
          List<UsageEvent> events = new ArrayList<>();
          int size = 1 + random.nextInt(8);
          for (int e = 0; e < size; e++) {
            int u = random.nextInt(f.users.size());
            String user = f.users.get(u);
            long amount = 1 + random.nextInt(5);
            Subject subject = random.nextInt(5) == 0 ? Subject.dimensions(Map.of("userId", user)) : Subject.entity(user);
            events.add(UsageEvent.of(subject, LoadFixture.CAPABILITY, amount));
            ingested[thread][u] += amount;
          }
          IngestResult result = f.engine.ingest(LoadFixture.OWNER, events);
          for (EventResult e : result.events()) {
            if (e.outcome() != EventResult.Outcome.RECORDED || e.budgets().size() != 3) {
              problems.add("event not recorded in all three budgets: " + e);
            }
          }
        }
      });
    }
    Workers.run("ingest", deadline(), tasks, List.of(running -> sampleNeverDecreases(f, running, problems)));

    assertThat(problems).isEmpty();
    assertConservation(f, ingested);
  }

  @Test
  void idempotencyKeys_sameKeysFromEveryThreadByIngestAndConsume_eachCountedOnce() {
    Seeds.seed(getClass().getSimpleName() + ".idempotency");
    LoadFixture f = new LoadFixture(newStore(), 2, 3, 0);
    // Tracked but unlimited, so that no consume is denied and every key must count exactly once.
    f.limits(null, null, null);
    int keys = (int) sized(4_000);
    int chunk = 50;
    AtomicIntegerArray counted = new AtomicIntegerArray(keys);
    CyclicBarrier together = new CyclicBarrier(THREADS);
    List<Workers.Task> tasks = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      tasks.add(() -> {
        try {
          for (int from = 0; from < keys; from += chunk) {
            // Every thread sends the same keys in the same order at the same time.
            together.await(1, TimeUnit.MINUTES);
            for (int k = from; k < Math.min(keys, from + chunk); k++) {
              sendOnce(f, k, thread, counted);
            }
          }
        } catch (Throwable e) {
          together.reset();
          throw e;
        }
      });
    }
    Workers.run("idempotency", deadline(), tasks, List.of());

    long[][] expected = new long[1][f.users.size()];
    for (int k = 0; k < keys; k++) {
      assertThat(counted.get(k)).as("times key-%d was counted", k).isEqualTo(1);
      expected[0][k % f.users.size()] += amountOfKey(k);
    }
    assertConservation(f, expected);
  }

  /**
   * Half the threads send key {@code k} by ingest, the other half by consume (they share the owner's
   * key space); every fifth ingest repeats the key inside its own batch. Counts the sends that were
   * recorded or granted.
   */
  private static void sendOnce(LoadFixture f, int k, int thread, AtomicIntegerArray counted) {
    String user = f.users.get(k % f.users.size());
    String key = "key-" + k;
    UsageEvent event = UsageEvent.of(user, LoadFixture.CAPABILITY, amountOfKey(k)).idempotencyKey(key);
    if ((k + thread) % 2 == 0) {
      List<UsageEvent> batch = k % 5 == 0 ? List.of(event, event) : List.of(event);
      for (EventResult e : f.engine.ingest(LoadFixture.OWNER, batch).events()) {
        if (e.outcome() == EventResult.Outcome.RECORDED) {
          counted.incrementAndGet(k);
        } else if (e.outcome() != EventResult.Outcome.DUPLICATE) {
          throw new AssertionError("unexpected outcome for " + key + ": " + e);
        }
      }
    } else {
      ConsumeResult r = f.engine.consume(LoadFixture.OWNER, ConsumeRequest.of(user, LoadFixture.CAPABILITY, amountOfKey(k))
          .idempotencyKey(key));
      if (r.status() == ConsumeResult.Status.GRANTED) {
        counted.incrementAndGet(k);
      } else if (r.status() != ConsumeResult.Status.DUPLICATE) {
        throw new AssertionError("unlimited budgets denied " + key + ": " + r);
      }
    }
  }

  private static long amountOfKey(int k) {
    return 1 + k % 7;
  }

  @Test
  void consume_racingLimitChangesAndNewScopedBudgets_neverPassesTheLimitInForce() {
    long seed = Seeds.seed(getClass().getSimpleName() + ".churn");
    LoadFixture f = new LoadFixture(newStore(), 2, 3, 4);
    long orgStart = sized(60_000L);
    f.limit(LoadFixture.ORG, orgStart);
    LimitChurn churn = new LimitChurn(f, orgStart, sized(5_000L));
    for (String team : f.teams) {
      f.limit(team, 1_000L);
      churn.teamMax.put(team, 1_000L);
    }
    int calls = (int) sized(50_000);
    int workers = THREADS - 1;
    long[][] granted = new long[workers][f.users.size()];
    List<Workers.Task> tasks = new ArrayList<>();
    for (int t = 0; t < workers; t++) {
      int thread = t;
      SplittableRandom random = new SplittableRandom(seed + t);
      tasks.add(() -> {
        for (int i = 0; i < calls; i++) {
          int u = random.nextInt(f.users.size());
          String user = f.users.get(u);
          long amount = 1 + random.nextInt(3);
          boolean ok;
          if (random.nextBoolean()) {
            ok = f.engine.tryConsume(LoadFixture.OWNER, user, LoadFixture.CAPABILITY, amount);
          } else {
            // Naming a model brings the org's and teams' budgets scoped to it (once created) into play.
            Subject subject = Subject.entities(user, f.models.get(random.nextInt(f.models.size())));
            ok = f.engine.consume(LoadFixture.OWNER, ConsumeRequest.of(subject, LoadFixture.CAPABILITY, amount)).granted();
          }
          if (ok) {
            granted[thread][u] += amount;
          }
        }
      });
    }
    Workers.run("churn", deadline(), tasks, List.of(
        running -> churn.change(new SplittableRandom(seed - 1), running),
        churn::sampleAgainstLimitsInForce));

    assertThat(churn.violations).as("usage seen above the limit in force").isEmpty();
    long orgUsage = f.usage(LoadFixture.ORG);
    long total = 0;
    for (long[] perThread : granted) {
      for (long g : perThread) {
        total += g;
      }
    }
    assertThat(orgUsage).as("org usage vs the sum granted (the org budget applies to every consume)").isEqualTo(total);
    assertThat(orgUsage).as("org usage vs the highest org limit ever set").isLessThanOrEqualTo(orgStart);
    assertThat(orgUsage).as("org usage vs its ceiling").isLessThanOrEqualTo(churn.orgCeiling);
    for (String team : f.teams) {
      long sum = 0;
      for (int u = 0; u < f.users.size(); u++) {
        if (f.teamOf.get(f.users.get(u)).equals(team)) {
          for (long[] perThread : granted) {
            sum += perThread[u];
          }
        }
      }
      assertThat(f.usage(team)).as("usage of %s vs the sum granted to its users", team).isEqualTo(sum);
      assertThat(f.usage(team)).as("usage of %s vs the highest limit it ever had", team)
          .isLessThanOrEqualTo(churn.teamMax.get(team));
    }
    churn.scopedLimits.forEach((budget, limit) -> assertThat(churn.scopedUsage(budget))
        .as("usage of %s vs its limit", budget).isLessThanOrEqualTo(limit));
    assertThat(churn.rounds).as("catalog changes made during the run").isGreaterThanOrEqualTo(LimitChurn.MIN_ROUNDS);
  }

  /** Reads every user's budgets (user, team, org) over and over; none may be over its limit. */
  private static void sampleLimits(LoadFixture f, BooleanSupplier running, Queue<String> violations) {
    while (running.getAsBoolean()) {
      for (String user : f.users) {
        overLimit(f.budgets(Subject.entity(user)), "sampled check of " + user, violations);
      }
    }
  }

  private static void overLimit(List<BudgetStatus> budgets, String when, Queue<String> violations) {
    for (BudgetStatus b : budgets) {
      if (b.usageLimit() != null && b.currentUsage() > b.usageLimit()) {
        violations.add(when + ": " + b.entityId() + " usage " + b.currentUsage() + " > limit " + b.usageLimit());
      }
    }
  }

  /** Reads every user's budgets over and over; usage only grows while only ingest runs. */
  private static void sampleNeverDecreases(LoadFixture f, BooleanSupplier running,
      Queue<String> problems) {
    Map<String, Long> last = new HashMap<>();
    while (running.getAsBoolean()) {
      for (String user : f.users) {
        for (BudgetStatus b : f.budgets(Subject.entity(user))) {
          Long before = last.put(b.entityId(), b.currentUsage());
          if (before != null && b.currentUsage() < before) {
            problems.add(b.entityId() + " usage went down from " + before + " to " + b.currentUsage());
          }
        }
      }
    }
  }

  /**
   * Usage at every level equals the amounts counted for the users below it: each user's own budget,
   * each team's, and the org's. {@code amounts[thread][user]} are per-thread tallies.
   */
  private static void assertConservation(LoadFixture f, long[][] amounts) {
    Map<String, Long> expected = new HashMap<>();
    for (int u = 0; u < f.users.size(); u++) {
      long sum = 0;
      for (long[] perThread : amounts) {
        sum += perThread[u];
      }
      String user = f.users.get(u);
      expected.merge(user, sum, Long::sum);
      expected.merge(f.teamOf.get(user), sum, Long::sum);
      expected.merge(LoadFixture.ORG, sum, Long::sum);
    }
    Map<String, Long> actual = new HashMap<>();
    expected.keySet().forEach(id -> actual.put(id, f.usage(id)));
    assertThat(actual).as("usage at every level vs the amounts counted").isEqualTo(expected);
  }
}
