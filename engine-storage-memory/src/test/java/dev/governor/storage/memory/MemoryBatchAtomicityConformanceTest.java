package dev.governor.storage.memory;

import dev.governor.conformance.catalog.BatchAtomicityConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryBatchAtomicityConformanceTest extends BatchAtomicityConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
