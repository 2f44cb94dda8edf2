package dev.governor.storage.memory;

import dev.governor.conformance.catalog.EntityTypeConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryEntityTypeConformanceTest extends EntityTypeConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
