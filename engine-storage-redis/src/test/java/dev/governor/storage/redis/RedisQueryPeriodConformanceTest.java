package dev.governor.storage.redis;

import dev.governor.conformance.query.QueryPeriodConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the QueryPeriod conformance suite against a Redis store on a real server. */
class RedisQueryPeriodConformanceTest extends QueryPeriodConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
