package dev.governor.storage.redis;

import dev.governor.conformance.faults.NthCallFaultConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the NthCallFault conformance suite against a Redis store on a real server. */
class RedisNthCallFaultConformanceTest extends NthCallFaultConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
