package dev.governor.storage.redis;

import dev.governor.conformance.catalog.GlobalCatalogContractConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the GlobalCatalogContract conformance suite against a Redis store on a real server. */
class RedisGlobalCatalogContractConformanceTest extends GlobalCatalogContractConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
