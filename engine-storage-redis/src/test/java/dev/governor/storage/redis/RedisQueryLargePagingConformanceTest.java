package dev.governor.storage.redis;

import dev.governor.conformance.query.QueryLargePagingConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the QueryLargePaging conformance suite against a Redis store on a real server. */
class RedisQueryLargePagingConformanceTest extends QueryLargePagingConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
