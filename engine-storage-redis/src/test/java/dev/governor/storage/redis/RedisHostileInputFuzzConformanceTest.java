package dev.governor.storage.redis;

import dev.governor.conformance.fuzz.HostileInputFuzzConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the HostileInputFuzz conformance suite against a Redis store on a real server, shortened by default ({@link RedisScale}). */
class RedisHostileInputFuzzConformanceTest extends HostileInputFuzzConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }

  @Override
  protected int calls() {
    return RedisScale.of(super.calls());
  }
}
