package dev.governor.storage.redis.lincheck;

import dev.governor.conformance.lincheck.ReservationLinearizability;
import dev.governor.spi.GovernanceStore;
import dev.governor.storage.redis.RedisStore;
import dev.governor.storage.redis.testing.SharedRedis;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * {@link ReservationLinearizability} on a real Redis server, in stress mode: the threads are real and
 * every operation is a call of the store's function, so the histories are those a fleet produces.
 * (Model checking needs to switch threads inside the code under test, and a Redis function runs in
 * another process: there is nothing there to switch.) Every test instance works on an owner of its
 * own in one shared store (on its own connection, kept for the JVM's life like the shared test server).
 */
public class RedisReservationLinearizabilityTest extends ReservationLinearizability {
  private static RedisStore shared;

  @Override
  protected GovernanceStore newStore() {
    synchronized (RedisReservationLinearizabilityTest.class) {
      if (shared == null) {
        shared = RedisStore.builder().uri(SharedRedis.uri()).keyPrefix(SharedRedis.freshPrefix()).build();
      }
      return shared;
    }
  }

  @Test
  void stress_reserveSettleReleaseConsume_linearizable() {
    StressOptions options = new StressOptions();
    targetedScenarios(RedisReservationLinearizabilityTest.class).forEach(options::addCustomScenario);
    options
        // Each instance sets its catalog up in Redis, and the checker makes many: kept to about half a minute.
        .iterations(3)
        .invocationsPerIteration(20)
        .threads(2)
        .actorsPerThread(3)
        .actorsBefore(1)
        .actorsAfter(1)
        .check(RedisReservationLinearizabilityTest.class);
  }
}
