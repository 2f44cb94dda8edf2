package dev.governor.storage.memory;

import dev.governor.conformance.catalog.CapabilityConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryCapabilityConformanceTest extends CapabilityConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
