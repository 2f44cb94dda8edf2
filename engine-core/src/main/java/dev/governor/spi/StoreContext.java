package dev.governor.spi;

import java.time.Clock;
import java.time.Duration;

/**
 * What the engine tells its store when it is built. Immutable.
 *
 * @param clock the engine's clock, for anything the store must time (such as key retention)
 * @param idempotencyRetention how long an idempotency key stays claimed
 */
public record StoreContext(Clock clock, Duration idempotencyRetention) {}
