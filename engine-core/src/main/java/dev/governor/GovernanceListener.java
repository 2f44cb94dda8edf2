package dev.governor;

import dev.governor.runtime.ThresholdCrossed;

/**
 * Receives what the engine announces, off the decision path: set one with
 * {@link GovernanceEngineBuilder#listener}. Called from the engine's one delivery thread, one event
 * at a time, in the order the engine made the adds; an implementation need not be thread-safe but
 * should be quick. An exception it throws is counted ({@link ListenerStats#failed()}) and never
 * reaches a decision; a listener slower than the events fills the bounded queue, and the events that
 * find it full are dropped and counted ({@link ListenerStats#dropped()}).
 */
@FunctionalInterface
public interface GovernanceListener {
  /**
   * A budget's usage reached one of its alert thresholds. Announced once per budget, threshold and
   * period, by the engine whose add reached it, also with many engines on one store.
   */
  void thresholdCrossed(ThresholdCrossed event);
}
