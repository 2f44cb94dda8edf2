package dev.governor.testing;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hang detection for concurrency tests: waits for work with a generous deadline and, when it does
 * not finish, fails with a dump of every thread (stacks and the locks they hold or wait for), so a
 * deadlock is diagnosable from the test report alone. The deadlines detect hangs; they never assert
 * how fast anything is. Stateless and thread-safe.
 */
public final class ThreadDumps {
  private ThreadDumps() {}

  /**
   * Every live thread with its id and state, the lock it waits for and who holds it, every frame
   * (ThreadInfo.toString stops at eight) with the monitors locked there, the synchronizers it holds,
   * and any deadlock the JVM can see.
   */
  public static String all() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    StringBuilder sb = new StringBuilder("---- thread dump ----\n");
    long[] deadlocked = mx.findDeadlockedThreads();
    if (deadlocked != null) {
      sb.append("DEADLOCKED thread ids: ").append(Arrays.toString(deadlocked)).append('\n');
    }
    for (ThreadInfo t : mx.dumpAllThreads(mx.isObjectMonitorUsageSupported(), mx.isSynchronizerUsageSupported())) {
      sb.append('"').append(t.getThreadName()).append("\" id=").append(t.getThreadId()).append(' ').append(t.getThreadState());
      if (t.getLockName() != null) {
        sb.append(" on ").append(t.getLockName());
      }
      if (t.getLockOwnerName() != null) {
        sb.append(" owned by \"").append(t.getLockOwnerName()).append("\" id=").append(t.getLockOwnerId());
      }
      sb.append('\n');
      StackTraceElement[] frames = t.getStackTrace();
      for (int i = 0; i < frames.length; i++) {
        sb.append("    at ").append(frames[i]).append('\n');
        for (MonitorInfo m : t.getLockedMonitors()) {
          if (m.getLockedStackDepth() == i) {
            sb.append("    - locked ").append(m).append('\n');
          }
        }
      }
      for (LockInfo l : t.getLockedSynchronizers()) {
        sb.append("    - holds synchronizer ").append(l).append('\n');
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
