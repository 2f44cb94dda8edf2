package dev.governor.storage.redis;

import dev.governor.conformance.runtime.AlertConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Alert conformance suite against a Redis store on a real server. */
class RedisAlertConformanceTest extends AlertConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
