package dev.governor.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.governor.ListenerStats;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ThresholdCrossed;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlertCollectorTest {
  @Test
  void awaitAccounted_consumeReachingThreeThresholds_returnsOnceAllThreeAreDelivered() throws InterruptedException {
    Simulation simulation = Simulation.prepare(SeedCatalog.owners(), 1, 1);

    // big-head: 20,000 ai-tokens a month, announcing 50%, 80% and 100%; nothing else reaches a threshold.
    simulation.engine().consume("cus-hooli", ConsumeRequest.of("big-head", SeedCatalog.AI_TOKENS, 20_000));
    ListenerStats stats = AlertCollector.awaitAccounted(simulation.engines(), 3, Duration.ofSeconds(30));

    assertThat(stats).isEqualTo(new ListenerStats(3, 0, 0, 0));
    assertThat(simulation.alerts().events()).extracting(ThresholdCrossed::entityId, ThresholdCrossed::usage)
        .containsOnly(tuple("big-head", 20_000L));
    assertThat(simulation.alerts().events()).extracting(ThresholdCrossed::threshold)
        .containsExactlyInAnyOrder(0.5, 0.8, 1.0);
  }

  @Test
  void awaitAccounted_fewerThanAnnounced_returnsAfterTheTimeout() throws InterruptedException {
    Simulation simulation = Simulation.prepare(SeedCatalog.owners(), 1, 1);
    long start = System.nanoTime();

    ListenerStats stats = AlertCollector.awaitAccounted(simulation.engines(), 1, Duration.ofMillis(50));

    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
    assertThat(stats).isEqualTo(new ListenerStats(0, 0, 0, 0));
  }
}
