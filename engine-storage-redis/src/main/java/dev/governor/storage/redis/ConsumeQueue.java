package dev.governor.storage.redis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Shares round trips between the concurrent consumes of one owner through one engine: a thread that
 * finds fewer than {@link #MAX_IN_FLIGHT} calls in flight sends everything queued (up to
 * {@link #MAX_BATCH}) as one script call and hands each waiting thread its own reply. The script
 * decides the consumes one by one in queue order, each exactly as if it had been sent alone; only
 * the round trip is shared. Two calls in flight keep the connection busy while the next batch
 * gathers (Lettuce keeps their order on the connection). A thread waits for at most the calls in
 * flight and then its own, each bounded by the store's timeout. Thread-safe.
 */
final class ConsumeQueue {
  static final int MAX_BATCH = 64;
  static final int MAX_IN_FLIGHT = 2;

  /** Sends one batch: fills in each consume's reply or throws. */
  interface Sender {
    void send(List<Consume> batch);
  }

  private final ArrayDeque<Consume> waiting = new ArrayDeque<>();
  private final Sender sender;
  private int inFlight;

  ConsumeQueue(Sender sender) {
    this.sender = sender;
  }

  /** Decides {@code c} (possibly in another thread's call) and returns its reply. */
  long submit(Consume c) {
    boolean interrupted = false;
    synchronized (this) {
      waiting.add(c);
    }
    while (true) {
      List<Consume> batch;
      synchronized (this) {
        while (!c.done && (inFlight >= MAX_IN_FLIGHT || !waiting.contains(c))) {
          try {
            wait();
          } catch (InterruptedException e) {
            if (waiting.remove(c)) {
              Thread.currentThread().interrupt();
              throw new StoreCallException("interrupted while waiting to send a consume to Redis", e);
            }
            interrupted = true; // already sent by another thread: its reply is on the way
          }
        }
        if (c.done) {
          break;
        }
        inFlight++;
        batch = drain();
      }
      send(batch);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (c.failure != null) {
      // The thread whose call failed sees the failure itself; the others, whose consumes it carried, a wrapper.
      if (c.sentBy == Thread.currentThread() && c.failure instanceof RuntimeException own) {
        throw own;
      }
      if (c.sentBy == Thread.currentThread() && c.failure instanceof Error own) {
        throw own;
      }
      throw new StoreCallException(c.failure.getMessage(), c.failure);
    }
    return c.reply;
  }

  /** Sends one batch (this thread's own consume may be in a later one) and wakes every waiter. */
  private void send(List<Consume> batch) {
    for (Consume each : batch) {
      each.sentBy = Thread.currentThread();
    }
    try {
      sender.send(batch);
    } catch (RuntimeException | Error e) {
      for (Consume each : batch) {
        each.failure = e;
      }
    } finally {
      synchronized (this) {
        for (Consume each : batch) {
          each.done = true;
        }
        inFlight--;
        notifyAll();
      }
    }
  }

  private List<Consume> drain() {
    List<Consume> batch = new ArrayList<>(Math.min(waiting.size(), MAX_BATCH));
    while (!waiting.isEmpty() && batch.size() < MAX_BATCH) {
      batch.add(waiting.poll());
    }
    return batch;
  }
}
