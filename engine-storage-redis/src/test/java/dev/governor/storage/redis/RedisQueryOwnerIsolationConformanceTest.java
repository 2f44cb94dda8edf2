package dev.governor.storage.redis;

import dev.governor.conformance.query.QueryOwnerIsolationConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the QueryOwnerIsolation conformance suite against a Redis store on a real server. */
class RedisQueryOwnerIsolationConformanceTest extends QueryOwnerIsolationConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
