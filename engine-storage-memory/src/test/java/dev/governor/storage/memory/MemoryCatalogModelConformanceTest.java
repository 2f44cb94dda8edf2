package dev.governor.storage.memory;

import dev.governor.conformance.catalog.CatalogModelConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the catalog model conformance suite against the in-memory store. */
class MemoryCatalogModelConformanceTest extends CatalogModelConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
