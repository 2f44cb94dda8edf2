package dev.governor.internal;

import dev.governor.runtime.UnresolvedDimensionPolicy;
import java.time.Clock;
import java.time.Duration;

/**
 * An engine's settings, validated by the builder. Public only so the builder in the API package can
 * pass them; the package is not exported. Immutable.
 *
 * @param clock the engine's time source
 * @param maxDepth the maximum number of levels in a hierarchy
 * @param idempotencyRetention how long a claimed key holds
 * @param maxFutureSkew how far ahead of the clock an event timestamp may be
 * @param unresolvedDimensions what to do with a dimension that names no entity
 * @param listener who hears of thresholds reached, or null
 * @param listenerQueueCapacity how many events may wait for the listener
 */
public record EngineSettings(Clock clock, int maxDepth, Duration idempotencyRetention, Duration maxFutureSkew,
    UnresolvedDimensionPolicy unresolvedDimensions, dev.governor.GovernanceListener listener, int listenerQueueCapacity) {}
