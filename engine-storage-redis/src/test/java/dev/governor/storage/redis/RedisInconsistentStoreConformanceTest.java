package dev.governor.storage.redis;

import dev.governor.conformance.fleet.InconsistentStoreConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the InconsistentStore conformance suite against a Redis store on a real server. */
class RedisInconsistentStoreConformanceTest extends InconsistentStoreConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
