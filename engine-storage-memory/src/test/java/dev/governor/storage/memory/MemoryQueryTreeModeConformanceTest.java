package dev.governor.storage.memory;

import dev.governor.conformance.query.QueryTreeModeConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryQueryTreeModeConformanceTest extends QueryTreeModeConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
