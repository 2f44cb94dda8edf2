package dev.governor.storage.redis;

import dev.governor.conformance.query.QueryPagingConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the QueryPaging conformance suite against a Redis store on a real server. */
class RedisQueryPagingConformanceTest extends QueryPagingConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
