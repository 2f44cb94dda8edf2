package dev.governor.storage.redis;

import dev.governor.conformance.soak.SoakConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Soak conformance suite against a Redis store on a real server. */
class RedisSoakConformanceTest extends SoakConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
