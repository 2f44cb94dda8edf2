package dev.governor.storage.redis;

import dev.governor.conformance.runtime.SoftLimitConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the SoftLimit conformance suite against a Redis store on a real server. */
class RedisSoftLimitConformanceTest extends SoftLimitConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
