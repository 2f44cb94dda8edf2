package dev.governor.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.Assignment;
import dev.governor.runtime.BudgetReading;
import dev.governor.storage.redis.testing.RedisServer;
import dev.governor.testing.Seeds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet of three engine processes, each a separate JVM with its own {@link RedisStore} and
 * connection and four consuming threads, spends one org's budget through its teams and users on a
 * real {@code redis-server}. Proves the store's guarantee across processes, where no JVM lock can
 * help: no budget passes its limit, and at every level (org, team, user) the usage Redis holds is
 * exactly the sum of what the workers were told was granted, with the limits of all three levels
 * actually reached during the run.
 */
class RedisFleetTest {
  private static final int WORKERS = 3;
  private static final int THREADS_PER_WORKER = 4;
  // 6,000 consumes of 1..5 tokens ask about 18,000 tokens of an org that has 5,000: every level runs dry.
  private static final int ATTEMPTS_PER_THREAD = 500;
  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final OrgTree TREE = OrgTree.tight();

  @Test
  void consume_threeJvmsWithFourThreadsEach_neverOverspendAndGrantedEqualsUsageAtEveryLevel(@TempDir Path dir)
      throws Exception {
    long seed = Seeds.seed("RedisFleetTest");
    String prefix = "fleet:";
    try (RedisServer server = RedisServer.plain();
        RedisStore store = RedisStore.builder().uri(server.uri()).keyPrefix(prefix).build()) {
      GovernanceEngine engine = GovernanceEngine.builder().store(store).clock(OrgTree.CLOCK).build();
      Map<String, Assignment> budgets = TREE.install(engine);

      List<Properties> results = runFleet(server.uri(), prefix, seed, dir);

      Map<String, Long> grantedBySubject = sumOf(results, "granted.");
      Map<String, Long> deniedBy = sumOf(results, "denied.");
      Map<String, Long> expected = TREE.perLevel(grantedBySubject);
      for (String entity : TREE.entityIds()) {
        BudgetReading reading = engine.usage(OrgTree.OWNER, budgets.get(entity).id()).orElseThrow();
        assertThat(reading.currentUsage()).as("usage of %s's budget never passes its limit", entity)
            .isLessThanOrEqualTo(TREE.limit(entity));
        assertThat(reading.currentUsage())
            .as("usage of %s = what the three JVMs were granted by it and the entities under it", entity)
            .isEqualTo(expected.get(entity));
      }
      long grants = results.stream().mapToLong(r -> count(r, "grants")).sum();
      long attempts = results.stream().mapToLong(r -> count(r, "attempts")).sum();
      assertThat(attempts).as("every worker made every attempt")
          .isEqualTo((long) WORKERS * THREADS_PER_WORKER * ATTEMPTS_PER_THREAD);
      assertThat(results).as("every JVM won some of the race").allSatisfy(r -> assertThat(count(r, "grants")).isPositive());
      // 4,996+ tokens in consumes of at most 5 cannot take fewer grants than this.
      assertThat(grants).as("many consumes were granted").isGreaterThanOrEqualTo(1_000);
      assertThat(deniedBy).as("consumes were denied at the org, at a team and at a user (first denying budget)")
          .containsKeys(OrgTree.ORG, OrgTree.TEAM_B, "user-a1");
      // An org denial means its room was below some amount of at most 5 at that moment.
      assertThat(engine.usage(OrgTree.OWNER, budgets.get(OrgTree.ORG).id()).orElseThrow().currentUsage())
          .as("the org budget was exhausted").isGreaterThan(TREE.limit(OrgTree.ORG) - FleetWorker.MAX_AMOUNT);
      System.out.println("[fleet] granted by entity " + grantedBySubject + ", denied by first denying budget " + deniedBy
          + ", grants " + grants + " of " + attempts);
    }
  }

  /**
   * Starts the workers, releases them together once all are ready, and waits for every exit within
   * the deadline; returns each worker's result file. Fails (having killed them all) on a hang, on a
   * worker that does not exit 0, or on a missing result.
   */
  private static List<Properties> runFleet(String uri, String prefix, long seed, Path dir) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    List<WorkerJvm> workers = new ArrayList<>();
    try {
      for (int i = 0; i < WORKERS; i++) {
        workers.add(WorkerJvm.start("worker-" + i, dir, FleetWorker.class, List.of(uri, prefix, Integer.toString(i),
            Long.toString(seed + i), Integer.toString(THREADS_PER_WORKER), Integer.toString(ATTEMPTS_PER_THREAD),
            resultFile(dir, i).toString())));
      }
      // Released together, so the three JVMs really race (a JVM start takes longer than a worker's run).
      Polling.until("every worker to print " + FleetWorker.READY, DEADLINE,
          () -> workers.stream().allMatch(w -> w.printed(FleetWorker.READY) || !w.isAlive()), () -> logs(workers));
      assertThat(workers).as("every worker started; logs:\n%s", logs(workers)).allMatch(WorkerJvm::isAlive);
      workers.forEach(w -> w.send("GO"));
      for (WorkerJvm worker : workers) {
        Integer exit = worker.awaitExit(deadline);
        if (exit == null) {
          workers.forEach(WorkerJvm::close);
          fail("%s still ran after %s s and was killed; logs:%n%s", worker, DEADLINE.toSeconds(), logs(workers));
        }
        assertThat(exit).as("exit code of %s; logs:%n%s", worker, logs(workers)).isZero();
      }
      List<Properties> results = new ArrayList<>();
      for (int i = 0; i < WORKERS; i++) {
        results.add(load(resultFile(dir, i)));
      }
      return results;
    } finally {
      workers.forEach(WorkerJvm::close);
    }
  }

  private static Path resultFile(Path dir, int worker) {
    return dir.resolve("worker-" + worker + ".properties");
  }

  private static Properties load(Path file) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    return p;
  }

  /** The counters named {@code prefix<key>} summed over every worker, by key. */
  private static Map<String, Long> sumOf(List<Properties> results, String prefix) {
    Map<String, Long> sums = new TreeMap<>();
    for (Properties r : results) {
      for (String name : r.stringPropertyNames()) {
        if (name.startsWith(prefix)) {
          sums.merge(name.substring(prefix.length()), count(r, name), Long::sum);
        }
      }
    }
    return sums;
  }

  private static long count(Properties r, String name) {
    return Long.parseLong(r.getProperty(name, "0"));
  }

  private static String logs(List<WorkerJvm> workers) {
    return workers.stream().map(w -> "--- " + w + "\n" + w.log()).collect(Collectors.joining("\n"));
  }
}
