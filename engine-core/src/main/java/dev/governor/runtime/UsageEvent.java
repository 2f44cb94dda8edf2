package dev.governor.runtime;

import java.time.Instant;

/**
 * Usage that already happened, to be recorded against every applicable budget. Immutable.
 *
 * @param subject who used it
 * @param capabilityId the capability
 * @param amount the amount, at least 1
 * @param idempotencyKey optional (null): an event whose key was seen within the retention is not
 *     counted again
 * @param timestamp when it happened (null: now); picks the period; at most the engine's future skew
 *     ahead of its clock, and counted as "now" when ahead
 */
public record UsageEvent(Subject subject, String capabilityId, long amount, String idempotencyKey, Instant timestamp) {
  /** An event that happened now, without idempotency key. */
  public static UsageEvent of(Subject subject, String capabilityId, long amount) {
    return new UsageEvent(subject, capabilityId, amount, null, null);
  }

  /** An event by one entity that happened now. */
  public static UsageEvent of(String entityId, String capabilityId, long amount) {
    return of(Subject.entity(entityId), capabilityId, amount);
  }

  /** This event carrying an idempotency key. */
  public UsageEvent idempotencyKey(String key) {
    return new UsageEvent(subject, capabilityId, amount, key, timestamp);
  }

  /** This event at another time. */
  public UsageEvent at(Instant when) {
    return new UsageEvent(subject, capabilityId, amount, idempotencyKey, when);
  }
}
