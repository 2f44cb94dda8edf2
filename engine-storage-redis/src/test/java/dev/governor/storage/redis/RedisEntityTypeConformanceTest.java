package dev.governor.storage.redis;

import dev.governor.conformance.catalog.EntityTypeConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the EntityType conformance suite against a Redis store on a real server. */
class RedisEntityTypeConformanceTest extends EntityTypeConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
