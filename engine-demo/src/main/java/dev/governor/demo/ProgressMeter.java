package dev.governor.demo;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live progress line: every {@value #PERIOD_MILLIS} ms it rewrites one line (carriage return)
 * with the requests done, granted, denied and the throughput so far; {@link #stop()} writes the
 * final state and ends the line.
 */
final class ProgressMeter {
  static final long PERIOD_MILLIS = 250;

  private final Progress progress;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService timer;
  private int lastLength;

  private ProgressMeter(Progress progress, PrintStream out) {
    this.progress = progress;
    this.out = out;
    this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "demo-progress");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts printing {@code progress} to {@code out}. */
  static ProgressMeter start(Progress progress, PrintStream out) {
    ProgressMeter meter = new ProgressMeter(progress, out);
    meter.timer.scheduleAtFixedRate(meter::print, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    return meter;
  }

  /** The progress line for these counts after {@code nanos}. */
  static String line(Progress progress, long nanos) {
    long calls = progress.calls();
    long perSecond = nanos <= 0 ? 0 : (long) (calls * 1e9 / nanos);
    return "  " + Format.count(calls) + " / " + Format.count(progress.totalCalls()) + " requests · "
        + Format.count(progress.granted()) + " granted · " + Format.count(progress.denied()) + " denied · "
        + Format.count(perSecond) + " requests/s";
  }

  private synchronized void print() {
    String line = line(progress, System.nanoTime() - startNanos);
    out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
    out.flush();
    lastLength = line.length();
  }

  /** Stops the updates, writes the final state and ends the line. */
  void stop() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    print();
    out.println();
  }
}
