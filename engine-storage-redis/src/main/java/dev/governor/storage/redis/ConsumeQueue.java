package dev.governor.storage.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Shares round trips between the concurrent consumes of one owner through one engine. A consume is
 * queued; while fewer than {@link #MAX_IN_FLIGHT} calls are in flight, everything queued (up to
 * {@link #MAX_BATCH}) leaves at once as one script call, and when a call returns, the thread that
 * completes it wakes exactly the callers it carried and sends what queued meanwhile. The script
 * decides the consumes one by one in queue order, each exactly as if it had been sent alone; only
 * the round trip is shared. A caller waits at most the store's timeout (twice, when its consume
 * had to wait for a place in a call). Thread-safe.
 */
final class ConsumeQueue {
  static final int MAX_BATCH = 64;
  static final int MAX_IN_FLIGHT = 2;

  /** Sends one batch as one call. */
  interface Sender {
    CompletionStage<List<Object>> send(List<Consume> batch);
  }

  private final ConcurrentLinkedQueue<Consume> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Sender sender;
  private final long timeoutNanos;

  ConsumeQueue(Sender sender, long timeoutNanos) {
    this.sender = sender;
    this.timeoutNanos = timeoutNanos;
  }

  /** Decides {@code c} (possibly in one call with others) and returns its reply. */
  long submit(Consume c) {
    waiting.add(c);
    dispatchWhileRoom();
    return await(c);
  }

  /**
   * Sends what waits while fewer than {@link #MAX_IN_FLIGHT} calls are in flight. Lock-free: a
   * consume queued after a sender looked is seen by the thread that next frees a place, because
   * it frees the place before it looks.
   */
  private void dispatchWhileRoom() {
    while (!waiting.isEmpty()) {
      int f = inFlight.get();
      if (f >= MAX_IN_FLIGHT) {
        return;
      }
      if (!inFlight.compareAndSet(f, f + 1)) {
        continue;
      }
      List<Consume> batch = new ArrayList<>();
      for (Consume next; batch.size() < MAX_BATCH && (next = waiting.poll()) != null; ) {
        batch.add(next);
      }
      if (batch.isEmpty()) {
        inFlight.decrementAndGet();
        continue;
      }
      dispatch(batch);
      return;
    }
  }

  private void dispatch(List<Consume> batch) {
    CompletionStage<List<Object>> call;
    try {
      call = sender.send(batch);
    } catch (RuntimeException | Error e) {
      completed(batch, null, e);
      return;
    }
    call.whenComplete((replies, failure) -> completed(batch, replies, failure));
  }

  /** Completes a batch's consumes, then sends what queued while it was in flight. */
  private void completed(List<Consume> batch, List<Object> replies, Throwable thrown) {
    Throwable failure = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    for (int i = 0; i < batch.size(); i++) {
      Consume c = batch.get(i);
      if (failure != null) {
        c.fail(failure);
      } else {
        try {
          c.complete((List<?>) replies.get(i));
        } catch (RuntimeException e) {
          c.fail(e);
        }
      }
    }
    inFlight.decrementAndGet();
    dispatchWhileRoom();
  }

  private long await(Consume c) {
    long deadline = System.nanoTime() + timeoutNanos;
    boolean interrupted = false;
    boolean extended = false;
    while (!c.isDone()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        if (waiting.remove(c)) {
          throw new StoreCallException("the consume found no place in a call to Redis within "
              + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", null);
        }
        if (extended) {
          throw new StoreCallException("Redis did not answer a consume within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
              + " ms (it may still be recorded)", null);
        }
        // Sent late, after waiting for a place: its own call gets a full timeout.
        extended = true;
        deadline = System.nanoTime() + timeoutNanos;
        continue;
      }
      LockSupport.parkNanos(this, left);
      if (Thread.interrupted()) {
        if (waiting.remove(c)) {
          Thread.currentThread().interrupt();
          throw new StoreCallException("interrupted while waiting to send a consume to Redis", null);
        }
        interrupted = true; // already sent: Redis may have applied it, so its answer is awaited
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return c.reply();
  }
}
