package dev.governor.storage.redis;

import dev.governor.conformance.catalog.StoreFailureConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the StoreFailure conformance suite against a Redis store on a real server. */
class RedisStoreFailureConformanceTest extends StoreFailureConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
