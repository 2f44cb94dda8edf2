package dev.governor.storage.redis;

import dev.governor.conformance.fuzz.LinearWorkConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the LinearWork conformance suite against a Redis store on a real server. */
class RedisLinearWorkConformanceTest extends LinearWorkConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
