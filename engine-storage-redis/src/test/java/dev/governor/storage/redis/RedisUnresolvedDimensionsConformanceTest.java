package dev.governor.storage.redis;

import dev.governor.conformance.runtime.UnresolvedDimensionsConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the UnresolvedDimensions conformance suite against a Redis store on a real server. */
class RedisUnresolvedDimensionsConformanceTest extends UnresolvedDimensionsConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
