package dev.governor.storage.redis;

import dev.governor.conformance.query.QueryTreeModeConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the QueryTreeMode conformance suite against a Redis store on a real server. */
class RedisQueryTreeModeConformanceTest extends QueryTreeModeConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
