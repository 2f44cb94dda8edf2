package dev.governor.storage.memory;

import dev.governor.conformance.runtime.ConsumeConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Consume conformance suite against the in-memory store. */
class MemoryConsumeConformanceTest extends ConsumeConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
