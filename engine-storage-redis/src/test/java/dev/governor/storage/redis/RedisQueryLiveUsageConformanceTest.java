package dev.governor.storage.redis;

import dev.governor.conformance.query.QueryLiveUsageConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the QueryLiveUsage conformance suite against a Redis store on a real server. */
class RedisQueryLiveUsageConformanceTest extends QueryLiveUsageConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
