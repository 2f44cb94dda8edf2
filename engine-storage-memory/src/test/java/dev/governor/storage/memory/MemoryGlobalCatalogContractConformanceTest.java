package dev.governor.storage.memory;

import dev.governor.conformance.catalog.GlobalCatalogContractConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryGlobalCatalogContractConformanceTest extends GlobalCatalogContractConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
