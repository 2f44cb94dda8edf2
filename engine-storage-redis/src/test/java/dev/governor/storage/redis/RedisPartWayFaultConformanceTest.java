package dev.governor.storage.redis;

import dev.governor.conformance.faults.PartWayFaultConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the PartWayFault conformance suite against a Redis store on a real server. */
class RedisPartWayFaultConformanceTest extends PartWayFaultConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
