package dev.governor.storage.redis;

import dev.governor.conformance.runtime.FastPathConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the FastPath conformance suite against a Redis store on a real server. */
class RedisFastPathConformanceTest extends FastPathConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
