package dev.governor.storage.redis;

import dev.governor.conformance.runtime.UsageReadConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the UsageRead conformance suite against a Redis store on a real server. */
class RedisUsageReadConformanceTest extends UsageReadConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
