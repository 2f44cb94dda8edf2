package dev.governor.conformance.runtime;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * A full thread dump of this JVM, for the failure message of a test that hung: every thread with its
 * state, the lock it waits for and who holds it, every frame (ThreadInfo.toString stops at eight),
 * the monitors and synchronizers it holds, and any deadlock the JVM can see.
 */
final class ThreadDumps {
  private ThreadDumps() {}

  static String all() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    StringBuilder sb = new StringBuilder("full thread dump:\n");
    long[] deadlocked = mx.findDeadlockedThreads();
    if (deadlocked != null) {
      sb.append("DEADLOCKED thread ids: ").append(java.util.Arrays.toString(deadlocked)).append('\n');
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
}
