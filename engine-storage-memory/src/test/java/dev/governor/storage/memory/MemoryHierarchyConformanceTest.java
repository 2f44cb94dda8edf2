package dev.governor.storage.memory;

import dev.governor.conformance.catalog.HierarchyConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryHierarchyConformanceTest extends HierarchyConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
