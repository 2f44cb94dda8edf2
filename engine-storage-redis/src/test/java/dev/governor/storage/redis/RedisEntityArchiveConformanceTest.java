package dev.governor.storage.redis;

import dev.governor.conformance.catalog.EntityArchiveConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the EntityArchive conformance suite against a Redis store on a real server. */
class RedisEntityArchiveConformanceTest extends EntityArchiveConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
