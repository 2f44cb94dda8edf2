package dev.governor.storage.redis;

import dev.governor.conformance.fleet.CallCountConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the CallCount conformance suite against a Redis store on a real server. */
class RedisCallCountConformanceTest extends CallCountConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
