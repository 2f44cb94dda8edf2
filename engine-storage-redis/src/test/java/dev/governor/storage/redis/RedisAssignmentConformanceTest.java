package dev.governor.storage.redis;

import dev.governor.conformance.catalog.AssignmentConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Assignment conformance suite against a Redis store on a real server. */
class RedisAssignmentConformanceTest extends AssignmentConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
