package dev.governor.storage.memory;

import dev.governor.conformance.catalog.StoreFailureConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryStoreFailureConformanceTest extends StoreFailureConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
