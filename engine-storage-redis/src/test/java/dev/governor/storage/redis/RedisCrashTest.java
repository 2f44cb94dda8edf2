package dev.governor.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.Assignment;
import dev.governor.conformance.runtime.Workers;
import dev.governor.storage.redis.CrashLoad.Phase;
import dev.governor.storage.redis.testing.RedisServer;
import dev.governor.testing.Seeds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A {@code redis-server} with {@code appendfsync always} is killed with SIGKILL while four threads
 * consume and ingest through one engine, stays down while they keep calling, and is started again
 * from its AOF while they go on. Proves that the store loses nothing it acknowledged and invents
 * nothing: at every level (org, teams, users) the usage after the restart lies between the sum of
 * the acknowledged amounts and that sum plus the amounts of the calls that failed (which the server
 * may have executed before it died); that no call made while the server was down was answered (each
 * failed closed with {@link dev.governor.StoreUnavailableException}); that service resumes; and that
 * retrying the failed calls with their idempotency keys settles every level exactly.
 */
class RedisCrashTest {
  private static final int THREADS = 4;
  private static final int ANSWERED_BEFORE_KILL = 200;
  private static final int FAILED_WHILE_DOWN = 20;
  private static final int ANSWERED_AFTER_RESTART = 200;
  // Short, so calls in flight at the kill fail quickly; the waits below are only hang guards.
  private static final Duration LOAD_TIMEOUT = Duration.ofMillis(500);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration DEADLINE = Duration.ofMinutes(2);
  private static final String PREFIX = "crash:";
  private static final OrgTree TREE = OrgTree.roomy();

  @Test
  void consumeAndIngest_serverKilledMidLoadThenRestartedFromAof_keepsAcknowledgedUsageAndFailsClosedWhileDown() {
    SplittableRandom seeds = Seeds.random("RedisCrashTest");
    try (RedisServer server = RedisServer.appendFsyncAlways()) {
      Map<String, Assignment> budgets;
      // The catalog goes in through a store of its own with a roomy timeout: a slow machine must not
      // fail the setup, only the load runs on the short timeout.
      try (RedisStore admin = store(server, ADMIN_TIMEOUT)) {
        budgets = TREE.install(engine(admin));
      }
      CrashLoad load;
      try (RedisStore store = store(server, LOAD_TIMEOUT)) {
        load = new CrashLoad(engine(store), TREE);
        List<Workers.Task> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          SplittableRandom random = seeds.split();
          String keyPrefix = "t" + t + "-";
          tasks.add(() -> load.run(random, keyPrefix));
        }
        Workers.run("crash-load", DEADLINE, tasks, List.of(running -> crashAndRestart(server, load)));
      }
      System.out.println("[crash] " + load.progress());

      assertThat(load.unexpected()).as("no call failed other than with StoreUnavailableException").isEmpty();
      assertThat(load.answeredWhileDown()).as("calls made while the server was down that were answered").isEmpty();
      assertThat(load.failedWhileDown()).as("calls made while the server was down failed closed")
          .isGreaterThanOrEqualTo(FAILED_WHILE_DOWN);
      assertThat(load.answeredFrom(Phase.BACK)).as("service resumed after the restart")
          .isGreaterThanOrEqualTo(ANSWERED_AFTER_RESTART);

      // A new store and engine, as an application restarted after the crash would have.
      try (RedisStore after = store(server, ADMIN_TIMEOUT)) {
        GovernanceEngine engine = engine(after);
        Map<String, Long> acknowledged = TREE.perLevel(load.acknowledged());
        Map<String, Long> inDoubt = TREE.perLevel(load.inDoubtAmounts());
        for (String entity : TREE.entityIds()) {
          long usage = usage(engine, budgets.get(entity).id());
          assertThat(usage)
              .as("usage of %s: at least what was acknowledged (%s), at most that plus the failed calls (%s)",
                  entity, acknowledged.get(entity), inDoubt.get(entity))
              .isBetween(acknowledged.get(entity), acknowledged.get(entity) + inDoubt.get(entity));
        }
        assertThat(acknowledged.get(OrgTree.ORG)).as("the load was granted something").isPositive();

        // Each failed call either was executed (its keys now answer DUPLICATE) or was not (it counts
        // now): afterwards every level must equal what was counted, exactly.
        Tally settled = new Tally();
        load.acknowledged().forEach(settled::add);
        CrashLoad settler = new CrashLoad(engine, TREE);
        Tally settleOutcomes = new Tally();
        for (CrashLoad.Call call : load.inDoubt()) {
          settleOutcomes.add(settler.settle(call, settled), 1);
        }
        System.out.println("[crash] failed calls retried with their keys: " + settleOutcomes.snapshot());
        Map<String, Long> exact = TREE.perLevel(settled.snapshot());
        for (String entity : TREE.entityIds()) {
          assertThat(usage(engine, budgets.get(entity).id()))
              .as("usage of %s once every failed call was retried with its keys", entity)
              .isEqualTo(exact.get(entity));
        }
      }
    }
  }

  /** Kill once enough calls were answered, restart once enough failed while down, stop once service is back. */
  private static void crashAndRestart(RedisServer server, CrashLoad load) {
    try {
      Polling.until(ANSWERED_BEFORE_KILL + " answered calls before the kill", WAIT,
          () -> load.answeredFrom(Phase.UP) >= ANSWERED_BEFORE_KILL, load::progress);
      server.kill();
      load.phase(Phase.DOWN);
      Polling.until(FAILED_WHILE_DOWN + " failed calls while the server is down", WAIT,
          () -> load.failedWhileDown() >= FAILED_WHILE_DOWN, load::progress);
      load.phase(Phase.RESTARTING);
      server.start();
      load.phase(Phase.BACK);
      Polling.until(ANSWERED_AFTER_RESTART + " answered calls after the restart", WAIT,
          () -> load.answeredFrom(Phase.BACK) >= ANSWERED_AFTER_RESTART, load::progress);
    } finally {
      load.stop();
    }
  }

  private static RedisStore store(RedisServer server, Duration timeout) {
    return RedisStore.builder().uri(server.uri()).keyPrefix(PREFIX).timeout(timeout).build();
  }

  private static GovernanceEngine engine(RedisStore store) {
    return GovernanceEngine.builder().store(store).clock(OrgTree.CLOCK).build();
  }

  private static long usage(GovernanceEngine engine, UUID assignmentId) {
    return engine.usage(OrgTree.OWNER, assignmentId).orElseThrow().currentUsage();
  }
}
