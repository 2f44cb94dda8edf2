package dev.governor.storage.redis;

import dev.governor.conformance.runtime.LateEventConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the LateEvent conformance suite against a Redis store on a real server. */
class RedisLateEventConformanceTest extends LateEventConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
