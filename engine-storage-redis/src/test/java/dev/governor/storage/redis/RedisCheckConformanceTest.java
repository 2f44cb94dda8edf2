package dev.governor.storage.redis;

import dev.governor.conformance.runtime.CheckConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Check conformance suite against a Redis store on a real server. */
class RedisCheckConformanceTest extends CheckConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
