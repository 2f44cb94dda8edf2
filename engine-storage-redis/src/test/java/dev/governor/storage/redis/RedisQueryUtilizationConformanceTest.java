package dev.governor.storage.redis;

import dev.governor.conformance.query.QueryUtilizationConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the QueryUtilization conformance suite against a Redis store on a real server. */
class RedisQueryUtilizationConformanceTest extends QueryUtilizationConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
