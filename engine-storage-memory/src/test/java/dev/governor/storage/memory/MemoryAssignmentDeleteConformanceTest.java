package dev.governor.storage.memory;

import dev.governor.conformance.catalog.AssignmentDeleteConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryAssignmentDeleteConformanceTest extends AssignmentDeleteConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
