package dev.governor.storage.memory;

import dev.governor.conformance.fuzz.LinearWorkConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the linear-work (hostile input size) suite against the in-memory store. */
class MemoryLinearWorkConformanceTest extends LinearWorkConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
