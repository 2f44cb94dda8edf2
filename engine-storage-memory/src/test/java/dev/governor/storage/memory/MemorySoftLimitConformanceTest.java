package dev.governor.storage.memory;

import dev.governor.conformance.runtime.SoftLimitConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemorySoftLimitConformanceTest extends SoftLimitConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
