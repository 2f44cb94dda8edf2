package dev.governor.storage.redis;

import dev.governor.conformance.runtime.RuntimeModelConformanceTest;
import dev.governor.spi.GovernanceStore;

/** Runs the RuntimeModel conformance suite against a Redis store on a real server, shortened by default ({@link RedisScale}). */
class RedisRuntimeModelConformanceTest extends RuntimeModelConformanceTest {
  @Override
  protected GovernanceStore newStore() {
    return RedisStores.fresh();
  }

  @Override
  protected int steps() {
    return RedisScale.of(super.steps());
  }
}
