package dev.governor.storage.memory;

import dev.governor.conformance.fleet.MultiEngineConcurrencyConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryMultiEngineConcurrencyConformanceTest extends MultiEngineConcurrencyConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
