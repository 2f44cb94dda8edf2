package dev.governor.storage.redis;

import dev.governor.conformance.query.QueryFilterConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the QueryFilter conformance suite against a Redis store on a real server. */
class RedisQueryFilterConformanceTest extends QueryFilterConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
