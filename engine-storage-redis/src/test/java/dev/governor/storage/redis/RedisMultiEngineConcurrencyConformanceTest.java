package dev.governor.storage.redis;

import dev.governor.conformance.fleet.MultiEngineConcurrencyConformanceTest;
import dev.governor.spi.GovernanceStore;
import dev.governor.storage.redis.testing.SharedRedis;
import org.junit.jupiter.api.AfterEach;

/**
 * Runs the MultiEngineConcurrency conformance suite against Redis, the second engine on a client and
 * connection of its own over the same keys, as a second service instance would be.
 */
class RedisMultiEngineConcurrencyConformanceTest extends MultiEngineConcurrencyConformanceTest {
  private String prefix;
  private RedisStore second;

  @Override
  protected GovernanceStore newStore() {
    prefix = SharedRedis.freshPrefix();
    return RedisStores.onSharedConnection(prefix);
  }

  @Override
  protected GovernanceStore secondEngineStore(GovernanceStore shared) {
    second = RedisStores.separate(prefix);
    return second;
  }

  @AfterEach
  void closeSecondStore() {
    if (second != null) {
      second.close();
    }
  }

}
