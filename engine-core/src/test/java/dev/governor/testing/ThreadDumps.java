package dev.governor.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hang detection for concurrency tests: waits for work with a generous deadline and, when it does
 * not finish, fails with a dump of every thread (stacks and the locks they hold or wait for), so a
 * deadlock is diagnosable from the test report alone. The deadlines detect hangs; they never assert
 * how fast anything is.
 */
public final class ThreadDumps {
  private ThreadDumps() {}

  /** Every live thread's stack, with the monitors and synchronizers it holds or waits for. */
  public static String all() {
    StringBuilder sb = new StringBuilder("---- thread dump ----\n");
    for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
      sb.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState());
      if (info.getLockName() != null) {
        sb.append(" on ").append(info.getLockName());
      }
      if (info.getLockOwnerName() != null) {
        sb.append(" owned by \"").append(info.getLockOwnerName()).append('"');
      }
      sb.append('\n');
      for (StackTraceElement frame : info.getStackTrace()) {
        sb.append("    at ").append(frame).append('\n');
      }
      for (var sync : info.getLockedSynchronizers()) {
        sb.append("    holds ").append(sync).append('\n');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /**
   * The result of {@code future}, waiting at most {@code max}.
   *
   * <p>A failure of the work is rethrown as it was (unchecked) or wrapped in an AssertionError
   * (checked), so tests can assert on it directly.
   *
   * @throws AssertionError with a thread dump if it did not complete in time
   */
  public static <T> T await(Future<T> future, Duration max, String what) {
    try {
      return future.get(max.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(what + " did not finish within " + max + " (deadlock or lost wake-up?)\n" + all(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new AssertionError(what + " failed", cause);
    }
  }

  /** Waits for a thread to end, at most {@code max}; fails with a thread dump otherwise. */
  public static void join(Thread thread, Duration max) {
    try {
      thread.join(max.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while joining " + thread.getName(), e);
    }
    if (thread.isAlive()) {
      throw new AssertionError(thread.getName() + " did not finish within " + max + "\n" + all());
    }
  }
}
