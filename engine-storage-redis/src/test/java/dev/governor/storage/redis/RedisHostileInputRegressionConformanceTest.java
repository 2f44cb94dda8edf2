package dev.governor.storage.redis;

import dev.governor.conformance.fuzz.HostileInputRegressionConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the HostileInputRegression conformance suite against a Redis store on a real server. */
class RedisHostileInputRegressionConformanceTest extends HostileInputRegressionConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
