package dev.governor.storage.redis;

import dev.governor.conformance.catalog.BackwardPagingConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the BackwardPaging conformance suite against a Redis store on a real server. */
class RedisBackwardPagingConformanceTest extends BackwardPagingConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
