package dev.governor.storage.redis;

import dev.governor.conformance.runtime.ArchivedEntityConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the ArchivedEntity conformance suite against a Redis store on a real server. */
class RedisArchivedEntityConformanceTest extends ArchivedEntityConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
