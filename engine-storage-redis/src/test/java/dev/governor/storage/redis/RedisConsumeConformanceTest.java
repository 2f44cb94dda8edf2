package dev.governor.storage.redis;

import dev.governor.conformance.runtime.ConsumeConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Consume conformance suite against a Redis store on a real server. */
class RedisConsumeConformanceTest extends ConsumeConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
