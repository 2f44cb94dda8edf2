package dev.governor.storage.memory;

import dev.governor.conformance.runtime.ReservationConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryReservationConformanceTest extends ReservationConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
