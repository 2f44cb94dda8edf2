package dev.governor.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.conformance.ConformanceSuites;
import org.junit.jupiter.api.Test;

/** The Redis store cannot forget a suite: every conformance suite of the core's test-jar has a runner here. */
class ConformanceRunnersTest {
  @Test
  void everyConformanceSuite_hasARedisRunner() {
    assertThat(ConformanceSuites.all()).as("suites found in the test-jar").hasSizeGreaterThan(40);

    assertThat(ConformanceSuites.missingRunners("dev.governor.storage.redis", "Redis")).isEmpty();
  }
}
