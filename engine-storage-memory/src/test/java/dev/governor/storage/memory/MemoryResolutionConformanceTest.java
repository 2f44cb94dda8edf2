package dev.governor.storage.memory;

import dev.governor.conformance.runtime.ResolutionConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Resolution conformance suite against the in-memory store. */
class MemoryResolutionConformanceTest extends ResolutionConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
