package dev.governor.storage.memory;

import dev.governor.conformance.catalog.EntityArchiveConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryEntityArchiveConformanceTest extends EntityArchiveConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
