package dev.governor.catalog;

/**
 * One item of a capability upsert: {@code CapabilityUpsert.meter("ai-tokens")}. Immutable.
 *
 * @param id the capability id
 * @param type the kind; defaults to {@link CapabilityType#METER} on create when kept
 */
public record CapabilityUpsert(String id, Patch<CapabilityType> type) {
  public CapabilityUpsert {
    type = Patch.orKeep(type);
  }

  /** A metered capability. */
  public static CapabilityUpsert meter(String id) {
    return new CapabilityUpsert(id, Patch.set(CapabilityType.METER));
  }

  /** An upsert that creates a meter or keeps an existing capability's type. */
  public static CapabilityUpsert of(String id) {
    return new CapabilityUpsert(id, Patch.keep());
  }
}
