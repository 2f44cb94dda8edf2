package dev.governor.storage.redis;

import dev.governor.conformance.runtime.RuntimeModelConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the RuntimeModel conformance suite against a Redis store on a real server. */
class RedisRuntimeModelConformanceTest extends RuntimeModelConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }

}
