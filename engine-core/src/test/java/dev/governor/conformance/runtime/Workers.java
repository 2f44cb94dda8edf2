package dev.governor.conformance.runtime;

import dev.governor.testing.ThreadDumps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Runs worker tasks on their own threads, released together, with observers (samplers, catalog
 * churn) that run while any worker is still working. A run that does not finish within its deadline
 * is treated as a hang: the full thread dump is printed and put in the failure, then the threads are
 * interrupted. A worker's or observer's exception fails the run with it as the cause.
 */
public final class Workers {
  /** A worker's job. */
  public interface Task {
    void run() throws Exception;
  }

  /** An observer's job; it should return soon after {@code workersRunning} turns false. */
  public interface Observer {
    void observe(BooleanSupplier workersRunning) throws Exception;
  }

  private Workers() {}

  public static void run(String name, Duration deadline, List<Task> tasks, List<Observer> observers) {
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(tasks.size() + observers.size());
    AtomicInteger working = new AtomicInteger(tasks.size());
    BooleanSupplier workersRunning = () -> working.get() > 0;
    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      Task task = tasks.get(i);
      threads.add(new Thread(() -> {
        try {
          start.await();
          task.run();
        } catch (Throwable t) {
          failures.add(t);
        } finally {
          working.decrementAndGet();
          done.countDown();
        }
      }, name + "-worker-" + i));
    }
    for (int i = 0; i < observers.size(); i++) {
      Observer observer = observers.get(i);
      threads.add(new Thread(() -> {
        try {
          start.await();
          observer.observe(workersRunning);
        } catch (Throwable t) {
          failures.add(t);
        } finally {
          done.countDown();
        }
      }, name + "-observer-" + i));
    }
    threads.forEach(t -> {
      t.setDaemon(true);
      t.start();
    });
    start.countDown();
    boolean finished;
    try {
      finished = done.await(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(name + " was interrupted", e);
    }
    if (!finished) {
      String dump = ThreadDumps.all();
      System.err.println(name + " did not finish within its deadline of " + deadline + " (a hang?)\n" + dump);
      threads.forEach(Thread::interrupt);
      throw new AssertionError(name + " did not finish within its deadline of " + deadline + "; " + dump);
    }
    if (!failures.isEmpty()) {
      AssertionError error = new AssertionError(name + " failed in a worker or observer: " + failures.peek(), failures.peek());
      failures.stream().skip(1).forEach(error::addSuppressed);
      throw error;
    }
  }
}
