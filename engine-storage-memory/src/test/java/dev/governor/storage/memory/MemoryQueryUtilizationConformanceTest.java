package dev.governor.storage.memory;

import dev.governor.conformance.query.QueryUtilizationConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryQueryUtilizationConformanceTest extends QueryUtilizationConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
