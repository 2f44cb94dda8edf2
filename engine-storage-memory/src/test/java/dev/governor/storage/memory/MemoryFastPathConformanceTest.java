package dev.governor.storage.memory;

import dev.governor.conformance.runtime.FastPathConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the FastPath conformance suite against the in-memory store. */
class MemoryFastPathConformanceTest extends FastPathConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
