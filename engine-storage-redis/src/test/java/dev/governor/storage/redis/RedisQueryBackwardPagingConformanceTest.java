package dev.governor.storage.redis;

import dev.governor.conformance.query.QueryBackwardPagingConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the QueryBackwardPaging conformance suite against a Redis store on a real server. */
class RedisQueryBackwardPagingConformanceTest extends QueryBackwardPagingConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
