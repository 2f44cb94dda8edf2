package dev.governor.storage.redis;

import dev.governor.conformance.catalog.CatalogModelConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the CatalogModel conformance suite against a Redis store on a real server. */
class RedisCatalogModelConformanceTest extends CatalogModelConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }

}
