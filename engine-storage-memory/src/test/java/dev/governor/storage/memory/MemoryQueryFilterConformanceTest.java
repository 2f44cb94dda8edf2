package dev.governor.storage.memory;

import dev.governor.conformance.query.QueryFilterConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryQueryFilterConformanceTest extends QueryFilterConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
