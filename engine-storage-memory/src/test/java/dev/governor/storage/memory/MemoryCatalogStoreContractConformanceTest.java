package dev.governor.storage.memory;

import dev.governor.conformance.catalog.CatalogStoreContractConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryCatalogStoreContractConformanceTest extends CatalogStoreContractConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
