package dev.governor.catalog;

import java.time.Instant;

/**
 * A metered resource, engine-wide: {@code ai-tokens}, {@code api-calls}. Immutable.
 *
 * @param id unique in the engine
 * @param type the kind of capability (only {@link CapabilityType#METER} today)
 * @param createdAt when it was created (engine clock)
 * @param updatedAt when something about it last changed
 */
public record Capability(String id, CapabilityType type, Instant createdAt, Instant updatedAt) {}
