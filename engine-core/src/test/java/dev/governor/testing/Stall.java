package dev.governor.testing;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stall armed on a {@link FaultInjectingStore}: the next {@code hits} store calls that reach
 * {@link #point()} for {@link #ownerId()} block until the test calls {@link #release()} (then they
 * proceed normally) or, when a timeout was given, until it passes (then they fail as a store client
 * timing out would). A stalled thread that is interrupted stops waiting and fails too. Thread-safe.
 */
public final class Stall {
  /** Where in the store a stall blocks. */
  public enum Point {
    /** Before a ledger operation reaches the real store: the store holds nothing. */
    LEDGER_OPERATION,
    /**
     * Before a commit of the owner's catalog reaches the real store: commits are optimistic, so the
     * store holds nothing while the engine validates or waits.
     */
    CATALOG_COMMIT,
    /**
     * Whenever the real store reads a budget's period start during a ledger operation of the owner.
     * A store may read inputs inside its atomic step (the memory store's ingest reads each event's
     * periods while it holds the stripes' write locks), so a stall here can block inside the store's
     * critical section.
     */
    PERIOD_READ
  }

  /** How a stalled call ended. */
  enum Outcome {
    PROCEED,
    TIMED_OUT,
    INTERRUPTED
  }

  private final Point point;
  private final String ownerId;
  private final Duration timeout;
  private final AtomicInteger hitsLeft;
  private final AtomicInteger entered = new AtomicInteger();
  private final CountDownLatch released = new CountDownLatch(1);

  Stall(Point point, String ownerId, int hits, Duration timeout) {
    if (hits < 1) {
      throw new IllegalArgumentException("hits must be at least 1, was " + hits);
    }
    this.point = point;
    this.ownerId = ownerId;
    this.hitsLeft = new AtomicInteger(hits);
    this.timeout = timeout;
  }

  public Point point() {
    return point;
  }

  public String ownerId() {
    return ownerId;
  }

  /** How many calls have entered this stall so far. */
  public int entered() {
    return entered.get();
  }

  /** Lets every stalled call proceed normally, and every later one pass without stalling. */
  public void release() {
    hitsLeft.set(0);
    released.countDown();
  }

  /**
   * Waits until {@code calls} calls have entered the stall, at most {@code max} (a hang detector, not
   * a measurement).
   *
   * @throws AssertionError with a thread dump when they did not
   */
  public void awaitEntered(int calls, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (entered.get() < calls) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + entered.get() + " of " + calls + " calls reached the stall at " + point
            + " for " + ownerId + " within " + max + "\n" + ThreadDumps.all());
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  /** Claims one hit if this stall applies to the call; returns whether the caller must block. */
  boolean claims(Point at, String owner) {
    if (at != point || !ownerId.equals(owner)) {
      return false;
    }
    return hitsLeft.getAndUpdate(h -> h > 0 ? h - 1 : 0) > 0;
  }

  /** Blocks the calling store call as configured. */
  Outcome block() {
    entered.incrementAndGet();
    try {
      if (timeout == null) {
        released.await();
        return Outcome.PROCEED;
      }
      return released.await(timeout.toNanos(), TimeUnit.NANOSECONDS) ? Outcome.PROCEED : Outcome.TIMED_OUT;
    } catch (InterruptedException e) {
      // A store call that is interrupted cannot answer; keep the flag for the caller to see.
      Thread.currentThread().interrupt();
      return Outcome.INTERRUPTED;
    }
  }
}
