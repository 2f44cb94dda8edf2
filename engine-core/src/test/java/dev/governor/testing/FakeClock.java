package dev.governor.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thread-safe UTC clock that only moves when a test moves it, with millisecond resolution. Every
 * thread sees the same time; {@link #advance} and {@link #set} are atomic.
 */
public final class FakeClock extends Clock {
  private final AtomicLong millis;

  public FakeClock(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  /** A clock at {@code 2026-01-15T10:00:00Z}. */
  public static FakeClock atDefaultStart() {
    return new FakeClock(Instant.parse("2026-01-15T10:00:00Z"));
  }

  public static FakeClock at(String isoInstant) {
    return new FakeClock(Instant.parse(isoInstant));
  }

  /** Moves the clock forward (or back, for a negative duration) and returns the new time. */
  public Instant advance(Duration by) {
    return Instant.ofEpochMilli(millis.addAndGet(by.toMillis()));
  }

  public void set(Instant to) {
    millis.set(to.toEpochMilli());
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (!ZoneOffset.UTC.equals(zone)) {
      throw new UnsupportedOperationException("FakeClock is UTC only");
    }
    return this;
  }

  @Override
  public String toString() {
    return "FakeClock[" + instant() + "]";
  }
}
