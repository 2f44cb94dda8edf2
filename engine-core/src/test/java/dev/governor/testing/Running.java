package dev.governor.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Work running on a thread of its own (never a pool thread, so interrupting it cannot leak into
 * later work), with hang-detecting waits. Thread-safe.
 *
 * @param <T> the result type
 */
public final class Running<T> {
  private final Thread thread;
  private final CompletableFuture<T> result = new CompletableFuture<>();

  private Running(String name, Callable<T> work) {
    thread = new Thread(() -> {
      try {
        result.complete(work.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    }, name);
    thread.setDaemon(true);
  }

  /** Starts {@code work} on a new daemon thread called {@code name}. */
  public static <T> Running<T> start(String name, Callable<T> work) {
    Running<T> r = new Running<>(name, work);
    r.thread.start();
    return r;
  }

  public Thread thread() {
    return thread;
  }

  public boolean isDone() {
    return result.isDone();
  }

  public void interrupt() {
    thread.interrupt();
  }

  /** The result, waiting at most {@code max}; a failure of the work is rethrown as it was. */
  public T await(Duration max) {
    T value = ThreadDumps.await(result, max, "thread " + thread.getName());
    ThreadDumps.join(thread, max);
    return value;
  }

  /** The failure of the work, waiting at most {@code max}; null when it returned normally. */
  public Throwable awaitFailure(Duration max) {
    try {
      result.get(max.toNanos(), TimeUnit.NANOSECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("thread " + thread.getName() + " did not finish within " + max + "\n" + ThreadDumps.all(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + thread.getName(), e);
    } finally {
      if (result.isDone()) {
        ThreadDumps.join(thread, max);
      }
    }
  }

  /**
   * Waits until the thread is parked or blocked (waiting for something) or has finished, at most
   * {@code max}; fails with a thread dump otherwise.
   */
  public void awaitParkedOrDone(Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (!result.isDone()) {
      Thread.State state = thread.getState();
      if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(thread.getName() + " neither waited nor finished within " + max + "\n" + ThreadDumps.all());
      }
      Thread.yield();
    }
  }
}
