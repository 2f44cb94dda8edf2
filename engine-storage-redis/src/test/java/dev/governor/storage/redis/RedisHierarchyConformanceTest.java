package dev.governor.storage.redis;

import dev.governor.conformance.catalog.HierarchyConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Hierarchy conformance suite against a Redis store on a real server. */
class RedisHierarchyConformanceTest extends HierarchyConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
