package dev.governor.storage.memory;

import dev.governor.conformance.query.QueryRowsConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryQueryRowsConformanceTest extends QueryRowsConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
