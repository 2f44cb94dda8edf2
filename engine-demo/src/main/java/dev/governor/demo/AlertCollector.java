package dev.governor.demo;

import dev.governor.GovernanceEngine;
import dev.governor.GovernanceListener;
import dev.governor.ListenerStats;
import dev.governor.runtime.ThresholdCrossed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The demo's {@link GovernanceListener}: keeps every {@link ThresholdCrossed} event the engines
 * deliver (docs/semantics.md §5.2).
 *
 * <p>Delivery is asynchronous: an add that reaches a threshold only offers the event to its engine's
 * bounded queue, and one thread per engine hands it over later. So before reading the events,
 * {@link #awaitAccounted} waits until every event announced has been delivered, failed or dropped.
 *
 * <p>Thread-safe: the delivery threads of several engines may call {@link #thresholdCrossed} at once,
 * while another thread reads {@link #events()}.
 */
public final class AlertCollector implements GovernanceListener {
  private final ConcurrentLinkedQueue<ThresholdCrossed> events = new ConcurrentLinkedQueue<>();

  @Override
  public void thresholdCrossed(ThresholdCrossed event) {
    events.add(event);
  }

  /** The events delivered so far, in no particular order. */
  public List<ThresholdCrossed> events() {
    return List.copyOf(events);
  }

  /**
   * Waits until the engines have accounted for {@code announced} events (delivered, failed or dropped)
   * and none is left in their queues, or until {@code timeout} has passed; either way returns the
   * engines' summed statistics then. Call it after the last add, when no more events can come.
   */
  static ListenerStats awaitAccounted(List<GovernanceEngine> engines, long announced, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    ListenerStats stats = stats(engines);
    while ((accounted(stats) < announced || stats.queued() > 0) && System.nanoTime() - deadline < 0) {
      Thread.sleep(1);
      stats = stats(engines);
    }
    return stats;
  }

  /** The summed statistics of {@code engines}' listeners. */
  static ListenerStats stats(List<GovernanceEngine> engines) {
    long delivered = 0;
    long failed = 0;
    long dropped = 0;
    int queued = 0;
    for (GovernanceEngine engine : engines) {
      ListenerStats s = engine.listenerStats();
      delivered += s.delivered();
      failed += s.failed();
      dropped += s.dropped();
      queued += s.queued();
    }
    return new ListenerStats(delivered, failed, dropped, queued);
  }

  private static long accounted(ListenerStats stats) {
    return stats.delivered() + stats.failed() + stats.dropped();
  }
}
