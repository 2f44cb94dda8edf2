package dev.governor.storage.memory;

import dev.governor.conformance.catalog.ConcurrencyConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryConcurrencyConformanceTest extends ConcurrencyConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
