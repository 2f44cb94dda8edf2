package dev.governor.storage.memory;

import dev.governor.conformance.catalog.PaginationConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryPaginationConformanceTest extends PaginationConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
