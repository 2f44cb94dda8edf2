package dev.governor.storage.redis;

import dev.governor.conformance.catalog.PaginationConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Pagination conformance suite against a Redis store on a real server. */
class RedisPaginationConformanceTest extends PaginationConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
