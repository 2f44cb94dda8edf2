package dev.governor.storage.redis;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for something another thread or process does (a worker says it is ready, enough calls
 * went through) by polling a condition until a generous deadline. Never an assertion about timing:
 * the deadline only turns a hang into a failure that says what it waited for. Stateless.
 */
final class Polling {
  private static final long INTERVAL_MILLIS = 10;

  private Polling() {}

  /**
   * Returns once {@code condition} holds; fails after {@code max} with {@code what} and the
   * {@code details} of the moment (logs, counters).
   */
  static void until(String what, Duration max, BooleanSupplier condition, Supplier<String> details) {
    long deadline = System.nanoTime() + max.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("gave up after " + max.toSeconds() + " s waiting for " + what + "; " + details.get());
      }
      try {
        Thread.sleep(INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
