package dev.governor.storage.redis;

import dev.governor.conformance.catalog.EntityConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Entity conformance suite against a Redis store on a real server. */
class RedisEntityConformanceTest extends EntityConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
