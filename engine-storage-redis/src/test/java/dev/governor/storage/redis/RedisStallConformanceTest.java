package dev.governor.storage.redis;

import dev.governor.conformance.faults.StallConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Stall conformance suite against a Redis store on a real server. */
class RedisStallConformanceTest extends StallConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
