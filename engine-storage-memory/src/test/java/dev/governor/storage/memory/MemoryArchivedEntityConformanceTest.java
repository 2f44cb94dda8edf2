package dev.governor.storage.memory;

import dev.governor.conformance.runtime.ArchivedEntityConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the ArchivedEntity conformance suite against the in-memory store. */
class MemoryArchivedEntityConformanceTest extends ArchivedEntityConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
