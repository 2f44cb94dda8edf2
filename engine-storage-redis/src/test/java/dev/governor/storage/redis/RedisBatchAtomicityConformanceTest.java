package dev.governor.storage.redis;

import dev.governor.conformance.catalog.BatchAtomicityConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the BatchAtomicity conformance suite against a Redis store on a real server. */
class RedisBatchAtomicityConformanceTest extends BatchAtomicityConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
