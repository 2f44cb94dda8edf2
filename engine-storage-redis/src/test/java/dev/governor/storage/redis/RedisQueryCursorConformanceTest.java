package dev.governor.storage.redis;

import dev.governor.conformance.query.QueryCursorConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the QueryCursor conformance suite against a Redis store on a real server. */
class RedisQueryCursorConformanceTest extends QueryCursorConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
