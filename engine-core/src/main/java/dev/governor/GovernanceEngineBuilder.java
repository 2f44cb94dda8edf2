package dev.governor;

import dev.governor.internal.Engine;
import dev.governor.spi.GovernanceStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds a {@link GovernanceEngine}. Every setter validates its argument at once and throws
 * {@link IllegalArgumentException} (or {@link NullPointerException} for a null) naming the setting;
 * {@link #build()} requires a store. Not thread-safe; the engine it builds is.
 */
public final class GovernanceEngineBuilder {
  /** Default maximum hierarchy depth. */
  public static final int DEFAULT_MAX_DEPTH = 16;
  /** Largest accepted maximum hierarchy depth. */
  public static final int MAX_MAX_DEPTH = 1024;
  /** Default idempotency-key retention. */
  public static final Duration DEFAULT_IDEMPOTENCY_RETENTION = Duration.ofHours(24);
  /** Default tolerance for event timestamps ahead of the engine clock. */
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(1);

  private GovernanceStore store;
  private Clock clock = Clock.systemUTC();
  private int maxDepth = DEFAULT_MAX_DEPTH;
  private Duration idempotencyRetention = DEFAULT_IDEMPOTENCY_RETENTION;
  private Duration maxFutureSkew = DEFAULT_MAX_FUTURE_SKEW;

  GovernanceEngineBuilder() {}

  /** The store (required), for example {@code MemoryStore.create()}. A store serves one engine. */
  public GovernanceEngineBuilder store(GovernanceStore store) {
    this.store = Objects.requireNonNull(store, "store");
    return this;
  }

  /** The clock for timestamps and periods; default {@link Clock#systemUTC()}. */
  public GovernanceEngineBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** The maximum hierarchy depth, 1..1024; default 16. */
  public GovernanceEngineBuilder maxDepth(int maxDepth) {
    if (maxDepth < 1 || maxDepth > MAX_MAX_DEPTH) {
      throw new IllegalArgumentException("maxDepth must be between 1 and " + MAX_MAX_DEPTH + ", was " + maxDepth);
    }
    this.maxDepth = maxDepth;
    return this;
  }

  /** How long an idempotency key stays claimed, at least one second; default 24 hours. */
  public GovernanceEngineBuilder idempotencyRetention(Duration retention) {
    Objects.requireNonNull(retention, "idempotencyRetention");
    if (retention.compareTo(Duration.ofSeconds(1)) < 0 || retention.compareTo(Duration.ofDays(3650)) > 0) {
      throw new IllegalArgumentException("idempotencyRetention must be between 1 second and 3650 days, was " + retention);
    }
    this.idempotencyRetention = retention;
    return this;
  }

  /** How far ahead of the engine clock an event timestamp may be, 0..1 hour; default 1 minute. */
  public GovernanceEngineBuilder maxFutureSkew(Duration skew) {
    Objects.requireNonNull(skew, "maxFutureSkew");
    if (skew.isNegative() || skew.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("maxFutureSkew must be between 0 and 1 hour, was " + skew);
    }
    this.maxFutureSkew = skew;
    return this;
  }

  /**
   * Builds the engine and opens the store for it.
   *
   * @throws IllegalStateException if no store was set, or the store already serves an engine
   */
  public GovernanceEngine build() {
    if (store == null) {
      throw new IllegalStateException("a store is required: call store(MemoryStore.create()) or another store");
    }
    return new Engine(store, clock, maxDepth, idempotencyRetention, maxFutureSkew);
  }
}
