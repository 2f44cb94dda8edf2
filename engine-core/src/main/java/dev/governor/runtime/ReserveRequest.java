package dev.governor.runtime;

import java.time.Duration;

/**
 * A request to hold {@code estimate} of a capability on every budget that applies to the subject,
 * for {@code ttl} (docs/semantics.md §5.3). With an idempotency key the same key names the same
 * reservation: a retry gets the reservation the first call made. Immutable.
 *
 * @param subject the entity or dimensions the spend is attributed to
 * @param capabilityId the capability
 * @param estimate the amount to hold, at least 1
 * @param ttl how long the hold counts when neither settled nor released: 1 second to 7 days
 * @param idempotencyKey optional; a retry with the same key and request returns the same reservation
 */
public record ReserveRequest(Subject subject, String capabilityId, long estimate, Duration ttl, String idempotencyKey) {
  /** The shortest hold. */
  public static final Duration MIN_TTL = Duration.ofSeconds(1);
  /** The longest hold. */
  public static final Duration MAX_TTL = Duration.ofDays(7);

  /** A reservation of {@code estimate} for {@code ttl} against an entity's budgets. */
  public static ReserveRequest of(String entityId, String capabilityId, long estimate, Duration ttl) {
    return new ReserveRequest(Subject.entity(entityId), capabilityId, estimate, ttl, null);
  }

  /** A reservation of {@code estimate} for {@code ttl} against a subject's budgets. */
  public static ReserveRequest of(Subject subject, String capabilityId, long estimate, Duration ttl) {
    return new ReserveRequest(subject, capabilityId, estimate, ttl, null);
  }

  /** This request with an idempotency key. */
  public ReserveRequest idempotencyKey(String key) {
    return new ReserveRequest(subject, capabilityId, estimate, ttl, key);
  }
}
