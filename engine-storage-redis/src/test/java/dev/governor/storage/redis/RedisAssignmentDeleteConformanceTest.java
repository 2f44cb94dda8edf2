package dev.governor.storage.redis;

import dev.governor.conformance.catalog.AssignmentDeleteConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the AssignmentDelete conformance suite against a Redis store on a real server. */
class RedisAssignmentDeleteConformanceTest extends AssignmentDeleteConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
