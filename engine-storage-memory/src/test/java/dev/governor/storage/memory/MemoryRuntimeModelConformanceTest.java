package dev.governor.storage.memory;

import dev.governor.conformance.runtime.RuntimeModelConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the runtime model conformance test against the in-memory store. */
class MemoryRuntimeModelConformanceTest extends RuntimeModelConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
