package dev.governor.storage.memory;

import dev.governor.conformance.fleet.InconsistentStoreConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryInconsistentStoreConformanceTest extends InconsistentStoreConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
