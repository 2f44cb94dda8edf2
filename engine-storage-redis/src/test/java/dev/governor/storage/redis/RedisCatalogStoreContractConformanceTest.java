package dev.governor.storage.redis;

import dev.governor.conformance.catalog.CatalogStoreContractConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the CatalogStoreContract conformance suite against a Redis store on a real server. */
class RedisCatalogStoreContractConformanceTest extends CatalogStoreContractConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
