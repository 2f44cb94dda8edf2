package dev.governor.storage.redis;

import dev.governor.conformance.fleet.MultiEngineConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the MultiEngine conformance suite against a Redis store on a real server. */
class RedisMultiEngineConformanceTest extends MultiEngineConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
