package dev.governor.storage.redis;

import dev.governor.conformance.query.QuerySearchConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the QuerySearch conformance suite against a Redis store on a real server. */
class RedisQuerySearchConformanceTest extends QuerySearchConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
