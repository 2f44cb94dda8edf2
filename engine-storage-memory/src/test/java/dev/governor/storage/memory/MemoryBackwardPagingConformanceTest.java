package dev.governor.storage.memory;

import dev.governor.conformance.catalog.BackwardPagingConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryBackwardPagingConformanceTest extends BackwardPagingConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
