package dev.governor;

import dev.governor.internal.Engine;
import dev.governor.internal.EngineSettings;
import dev.governor.runtime.UnresolvedDimensionPolicy;
import dev.governor.spi.GovernanceStore;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds a {@link GovernanceEngine}. Every setter validates its argument at once and throws
 * {@link ValidationException} naming the setting and the value; {@link #build()} requires a store.
 * Not thread-safe; the engine it builds is.
 */
public final class GovernanceEngineBuilder {
  /** Default maximum hierarchy depth. */
  public static final int DEFAULT_MAX_DEPTH = 16;
  /** Largest accepted maximum hierarchy depth. */
  public static final int MAX_MAX_DEPTH = 1024;
  /** Default idempotency-key retention. */
  public static final Duration DEFAULT_IDEMPOTENCY_RETENTION = Duration.ofHours(24);
  /** Default number of events that may wait for the listener. */
  public static final int DEFAULT_LISTENER_QUEUE_CAPACITY = 10_000;
  /** Default tolerance for event timestamps ahead of the engine clock. */
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(1);

  private GovernanceStore store;
  private Clock clock = Clock.systemUTC();
  private int maxDepth = DEFAULT_MAX_DEPTH;
  private Duration idempotencyRetention = DEFAULT_IDEMPOTENCY_RETENTION;
  private Duration maxFutureSkew = DEFAULT_MAX_FUTURE_SKEW;
  private UnresolvedDimensionPolicy unresolvedDimensions = UnresolvedDimensionPolicy.IGNORE;
  private GovernanceListener listener;
  private int listenerQueueCapacity = DEFAULT_LISTENER_QUEUE_CAPACITY;

  GovernanceEngineBuilder() {}

  /**
   * The store (required), for example {@code MemoryStore.create()}. Any number of engines may share
   * one store; a change made through one is in force for all of them.
   */
  public GovernanceEngineBuilder store(GovernanceStore store) {
    this.store = required("store", store);
    return this;
  }

  /** The clock for timestamps and periods; default {@link Clock#systemUTC()}. */
  public GovernanceEngineBuilder clock(Clock clock) {
    this.clock = required("clock", clock);
    return this;
  }

  /** The maximum hierarchy depth, 1..1024; default 16. */
  public GovernanceEngineBuilder maxDepth(int maxDepth) {
    if (maxDepth < 1 || maxDepth > MAX_MAX_DEPTH) {
      throw new ValidationException("maxDepth", maxDepth, "must be between 1 and " + MAX_MAX_DEPTH);
    }
    this.maxDepth = maxDepth;
    return this;
  }

  /** How long an idempotency key stays claimed, 1 second..3650 days; default 24 hours. */
  public GovernanceEngineBuilder idempotencyRetention(Duration retention) {
    required("idempotencyRetention", retention);
    if (retention.compareTo(Duration.ofSeconds(1)) < 0 || retention.compareTo(Duration.ofDays(3650)) > 0) {
      throw new ValidationException("idempotencyRetention", retention, "must be between 1 second and 3650 days");
    }
    this.idempotencyRetention = retention;
    return this;
  }

  /** How far ahead of the engine clock an event timestamp may be, 0..1 hour; default 1 minute. */
  public GovernanceEngineBuilder maxFutureSkew(Duration skew) {
    required("maxFutureSkew", skew);
    if (skew.isNegative() || skew.compareTo(Duration.ofHours(1)) > 0) {
      throw new ValidationException("maxFutureSkew", skew, "must be between 0 and 1 hour");
    }
    this.maxFutureSkew = skew;
    return this;
  }

  /**
   * What to do with a request dimension that names no entity; default
   * {@link UnresolvedDimensionPolicy#IGNORE} (left out and reported).
   */
  public GovernanceEngineBuilder unresolvedDimensions(UnresolvedDimensionPolicy policy) {
    this.unresolvedDimensions = required("unresolvedDimensions", policy);
    return this;
  }

  /**
   * Who hears of alert thresholds reached (on one delivery thread of the engine's, never on the
   * caller's). Every engine over a store should have the same listener: each threshold is announced
   * once, by the engine whose add reached it. Default: none.
   */
  public GovernanceEngineBuilder listener(GovernanceListener listener) {
    this.listener = required("listener", listener);
    return this;
  }

  /** How many events may wait for the listener before new ones are dropped, 1..1,000,000; default 10,000. */
  public GovernanceEngineBuilder listenerQueueCapacity(int capacity) {
    if (capacity < 1 || capacity > 1_000_000) {
      throw new ValidationException("listenerQueueCapacity", capacity, "must be between 1 and 1000000");
    }
    this.listenerQueueCapacity = capacity;
    return this;
  }

  private static <T> T required(String setting, T value) {
    if (value == null) {
      throw ValidationException.of(-1, setting, "must not be null");
    }
    return value;
  }

  /**
   * Builds the engine.
   *
   * @throws ValidationException if no store was set
   */
  public GovernanceEngine build() {
    if (store == null) {
      throw ValidationException.of(-1, "store", "is required: call store(MemoryStore.create()) or another store");
    }
    return new Engine(store, new EngineSettings(clock, maxDepth, idempotencyRetention, maxFutureSkew, unresolvedDimensions, listener,
        listenerQueueCapacity));
  }
}
