package dev.governor.demo;

import java.util.concurrent.atomic.LongAdder;

/** Live counters the workers bump and the progress line reads (granted and denied count consumes); thread-safe. */
public final class Progress {
  private final long totalCalls;
  private final LongAdder calls = new LongAdder();
  private final LongAdder granted = new LongAdder();
  private final LongAdder denied = new LongAdder();

  public Progress(long totalCalls) {
    this.totalCalls = totalCalls;
  }

  void recordGranted() {
    granted.increment();
    calls.increment();
  }

  void recordDenied() {
    denied.increment();
    calls.increment();
  }

  void recordIngest() {
    calls.increment();
  }

  void recordCompletion() {
    calls.increment();
  }

  public long totalCalls() {
    return totalCalls;
  }

  public long calls() {
    return calls.sum();
  }

  public long granted() {
    return granted.sum();
  }

  public long denied() {
    return denied.sum();
  }
}
