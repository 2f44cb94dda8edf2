package dev.governor.storage.redis;

import dev.governor.conformance.query.QuerySortConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the QuerySort conformance suite against a Redis store on a real server. */
class RedisQuerySortConformanceTest extends QuerySortConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
