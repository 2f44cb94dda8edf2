package dev.governor.storage.memory;

import dev.governor.conformance.runtime.UnresolvedDimensionsConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the UnresolvedDimensions conformance suite against the in-memory store. */
class MemoryUnresolvedDimensionsConformanceTest extends UnresolvedDimensionsConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
