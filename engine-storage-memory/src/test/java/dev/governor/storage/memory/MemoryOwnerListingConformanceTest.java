package dev.governor.storage.memory;

import dev.governor.conformance.catalog.OwnerListingConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryOwnerListingConformanceTest extends OwnerListingConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
