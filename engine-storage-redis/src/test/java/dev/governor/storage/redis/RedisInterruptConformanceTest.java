package dev.governor.storage.redis;

import dev.governor.conformance.faults.InterruptConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Interrupt conformance suite against a Redis store on a real server. */
class RedisInterruptConformanceTest extends InterruptConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
