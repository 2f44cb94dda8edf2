package dev.governor.storage.memory;

import dev.governor.conformance.query.QueryBackwardPagingConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryQueryBackwardPagingConformanceTest extends QueryBackwardPagingConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
