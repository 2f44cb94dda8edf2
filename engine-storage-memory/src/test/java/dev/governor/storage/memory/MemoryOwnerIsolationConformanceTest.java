package dev.governor.storage.memory;

import dev.governor.conformance.catalog.OwnerIsolationConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryOwnerIsolationConformanceTest extends OwnerIsolationConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
