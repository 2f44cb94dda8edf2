package dev.governor.storage.memory;

import dev.governor.conformance.runtime.OverflowConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Overflow conformance suite against the in-memory store. */
class MemoryOverflowConformanceTest extends OverflowConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
