package dev.governor.storage.memory;

import dev.governor.conformance.runtime.AlertConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryAlertConformanceTest extends AlertConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
