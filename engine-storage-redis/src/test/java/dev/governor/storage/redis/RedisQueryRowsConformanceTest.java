package dev.governor.storage.redis;

import dev.governor.conformance.query.QueryRowsConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the QueryRows conformance suite against a Redis store on a real server. */
class RedisQueryRowsConformanceTest extends QueryRowsConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
