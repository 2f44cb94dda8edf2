package dev.governor.storage.memory;

import dev.governor.conformance.query.QuerySearchConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryQuerySearchConformanceTest extends QuerySearchConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
