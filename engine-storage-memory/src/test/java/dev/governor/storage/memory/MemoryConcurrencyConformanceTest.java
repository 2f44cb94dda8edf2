package dev.governor.storage.memory;

import dev.governor.conformance.runtime.ConcurrencyConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the concurrency conformance tests against the in-memory store. */
class MemoryConcurrencyConformanceTest extends ConcurrencyConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
