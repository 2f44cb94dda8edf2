package dev.governor.storage.memory;

import dev.governor.conformance.query.QuerySortConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryQuerySortConformanceTest extends QuerySortConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
