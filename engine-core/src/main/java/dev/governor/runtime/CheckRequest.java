package dev.governor.runtime;

/**
 * Asks whether a subject may use {@code requestedAmount} of a capability now. Immutable.
 *
 * @param subject who asks
 * @param capabilityId the capability
 * @param requestedAmount the amount, at least 0 (0 asks "is anything blocking right now?"); default 1
 */
public record CheckRequest(Subject subject, String capabilityId, long requestedAmount) {
  /** A check for one unit. */
  public static CheckRequest of(Subject subject, String capabilityId) {
    return new CheckRequest(subject, capabilityId, 1L);
  }

  /** A check for one unit by one entity. */
  public static CheckRequest of(String entityId, String capabilityId) {
    return of(Subject.entity(entityId), capabilityId);
  }

  /** This request for another amount. */
  public CheckRequest amount(long requestedAmount) {
    return new CheckRequest(subject, capabilityId, requestedAmount);
  }
}
