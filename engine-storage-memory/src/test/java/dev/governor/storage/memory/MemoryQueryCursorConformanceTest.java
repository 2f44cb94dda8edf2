package dev.governor.storage.memory;

import dev.governor.conformance.query.QueryCursorConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryQueryCursorConformanceTest extends QueryCursorConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
