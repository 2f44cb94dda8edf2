package dev.governor.storage.memory;

import dev.governor.conformance.query.QueryPagingConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryQueryPagingConformanceTest extends QueryPagingConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
