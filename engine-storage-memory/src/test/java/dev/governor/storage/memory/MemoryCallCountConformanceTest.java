package dev.governor.storage.memory;

import dev.governor.conformance.fleet.CallCountConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryCallCountConformanceTest extends CallCountConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
