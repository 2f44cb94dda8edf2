package dev.governor.storage.memory;

import dev.governor.conformance.fleet.MultiEngineConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryMultiEngineConformanceTest extends MultiEngineConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
