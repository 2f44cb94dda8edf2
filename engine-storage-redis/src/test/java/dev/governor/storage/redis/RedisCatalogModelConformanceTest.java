package dev.governor.storage.redis;

import dev.governor.conformance.catalog.CatalogModelConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the CatalogModel conformance suite against a Redis store on a real server, shortened by default. */
class RedisCatalogModelConformanceTest extends CatalogModelConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }

  /**
   * Each step re-reads every entity and assignment through the engine, one round trip each: a
   * quarter of the steps by default, all of them with {@code -Predis-full}.
   */
  @Override
  protected int steps() {
    return Boolean.getBoolean("governor.redis.full") ? super.steps() : super.steps() / 4;
  }
}
