package dev.governor.storage.redis;

import dev.governor.conformance.runtime.OverflowConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the Overflow conformance suite against a Redis store on a real server. */
class RedisOverflowConformanceTest extends OverflowConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }
}
