package dev.governor.storage.redis;

import dev.governor.conformance.catalog.OwnerIsolationConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the OwnerIsolation conformance suite against a Redis store on a real server. */
class RedisOwnerIsolationConformanceTest extends OwnerIsolationConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
