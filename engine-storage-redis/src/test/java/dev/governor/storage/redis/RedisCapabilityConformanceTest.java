package dev.governor.storage.redis;

import dev.governor.conformance.catalog.CapabilityConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Capability conformance suite against a Redis store on a real server. */
class RedisCapabilityConformanceTest extends CapabilityConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
