package dev.governor.storage.redis;

import dev.governor.conformance.runtime.LocalTimePeriodConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the LocalTimePeriod conformance suite against a Redis store on a real server. */
class RedisLocalTimePeriodConformanceTest extends LocalTimePeriodConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
