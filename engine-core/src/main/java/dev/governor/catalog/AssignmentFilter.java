package dev.governor.catalog;

/**
 * Which assignments an assignment list returns. Immutable.
 *
 * @param entityId only this entity's assignments, or null
 * @param capabilityId only assignments of this capability, or null
 */
public record AssignmentFilter(String entityId, String capabilityId) {
  /** Every assignment of the owner. */
  public static AssignmentFilter all() {
    return new AssignmentFilter(null, null);
  }

  /** Only this entity's assignments. */
  public AssignmentFilter entity(String entityId) {
    return new AssignmentFilter(entityId, capabilityId);
  }

  /** Only assignments of this capability. */
  public AssignmentFilter capability(String capabilityId) {
    return new AssignmentFilter(entityId, capabilityId);
  }
}
