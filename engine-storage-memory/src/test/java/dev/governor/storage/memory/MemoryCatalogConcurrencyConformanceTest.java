package dev.governor.storage.memory;

import dev.governor.conformance.catalog.CatalogConcurrencyConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the catalog concurrency conformance tests against the in-memory store. */
class MemoryCatalogConcurrencyConformanceTest extends CatalogConcurrencyConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
