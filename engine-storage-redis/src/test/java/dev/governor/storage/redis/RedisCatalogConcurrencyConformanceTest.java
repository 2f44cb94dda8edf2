package dev.governor.storage.redis;

import dev.governor.conformance.catalog.CatalogConcurrencyConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the CatalogConcurrency conformance suite against a Redis store on a real server. */
class RedisCatalogConcurrencyConformanceTest extends CatalogConcurrencyConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
