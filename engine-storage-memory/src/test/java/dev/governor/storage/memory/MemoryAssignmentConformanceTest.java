package dev.governor.storage.memory;

import dev.governor.conformance.catalog.AssignmentConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryAssignmentConformanceTest extends AssignmentConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
