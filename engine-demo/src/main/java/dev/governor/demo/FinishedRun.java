package dev.governor.demo;

import dev.governor.GovernanceEngine;
import dev.governor.spi.GovernanceStore;

/**
 * A demo run that has printed its report but still holds its engine and store open, so that the
 * demo's data can be served afterwards ({@code --serve}). Closing it closes the store when the store
 * needs closing (Redis); the in-memory store just goes away. Not thread-safe; close once, from one
 * thread.
 *
 * @param report what the run printed
 * @param engine the engine holding the run's catalog and usage
 * @param store the engine's store
 */
record FinishedRun(DemoReport report, GovernanceEngine engine, GovernanceStore store) implements AutoCloseable {
  @Override
  public void close() {
    closeStore(store);
  }

  /** Closes {@code store} when it holds a resource (a Redis connection); a no-op otherwise. */
  static void closeStore(GovernanceStore store) {
    if (store instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("closing the demo's store failed: " + e.getMessage(), e);
      }
    }
  }
}
