package dev.governor.storage.memory;

import dev.governor.conformance.catalog.EntityConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryEntityConformanceTest extends EntityConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
