package dev.governor.storage.memory;

import dev.governor.conformance.runtime.ReservationConcurrencyConformanceTest;
import dev.governor.spi.GovernanceStore;

class MemoryReservationConcurrencyConformanceTest extends ReservationConcurrencyConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
