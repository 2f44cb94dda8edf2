package dev.governor.storage.memory;

import dev.governor.conformance.runtime.IdempotencyConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Idempotency conformance suite against the in-memory store. */
class MemoryIdempotencyConformanceTest extends IdempotencyConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.create();
  }
}
