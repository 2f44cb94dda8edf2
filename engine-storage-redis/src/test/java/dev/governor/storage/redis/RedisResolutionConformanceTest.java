package dev.governor.storage.redis;

import dev.governor.conformance.runtime.ResolutionConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Resolution conformance suite against a Redis store on a real server. */
class RedisResolutionConformanceTest extends ResolutionConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
