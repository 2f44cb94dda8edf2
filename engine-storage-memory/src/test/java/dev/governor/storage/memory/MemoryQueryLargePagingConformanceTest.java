package dev.governor.storage.memory;

import dev.governor.conformance.query.QueryLargePagingConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryQueryLargePagingConformanceTest extends QueryLargePagingConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
