package dev.governor.storage.memory;

import dev.governor.conformance.runtime.FailClosedConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the FailClosed conformance suite against the in-memory store. */
class MemoryFailClosedConformanceTest extends FailClosedConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
