package dev.governor.storage.redis;

import dev.governor.conformance.fleet.MultiEngineConcurrencyConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the MultiEngineConcurrency conformance suite against a Redis store on a real server. */
class RedisMultiEngineConcurrencyConformanceTest extends MultiEngineConcurrencyConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
