package dev.governor.runtime;

/**
 * Asks to use {@code amount} of a capability atomically: granted and added to every applicable
 * budget, or denied and nothing changes. Immutable.
 *
 * @param subject who consumes
 * @param capabilityId the capability
 * @param amount the amount, at least 1
 * @param idempotencyKey optional (null): a retry carrying a key already granted within the retention
 *     is reported as a duplicate and not counted again
 */
public record ConsumeRequest(Subject subject, String capabilityId, long amount, String idempotencyKey) {
  /** A consume of {@code amount} without idempotency key. */
  public static ConsumeRequest of(Subject subject, String capabilityId, long amount) {
    return new ConsumeRequest(subject, capabilityId, amount, null);
  }

  /** A consume of {@code amount} by one entity. */
  public static ConsumeRequest of(String entityId, String capabilityId, long amount) {
    return of(Subject.entity(entityId), capabilityId, amount);
  }

  /** This request carrying an idempotency key. */
  public ConsumeRequest idempotencyKey(String key) {
    return new ConsumeRequest(subject, capabilityId, amount, key);
  }
}
