package dev.governor.internal;

import dev.governor.catalog.Capability;
import dev.governor.catalog.EntityType;
import dev.governor.spi.GlobalChanges;
import dev.governor.spi.GlobalSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch of engine-wide catalog changes being validated: a snapshot with the batch's own writes
 * laid over it, and the change set they make. Confined to the thread running the batch.
 */
final class GlobalDraft {
  final GlobalSnapshot snapshot;
  private final Map<String, EntityType> types = new LinkedHashMap<>();
  private final Map<String, Capability> capabilities = new LinkedHashMap<>();

  GlobalDraft(GlobalSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  EntityType entityType(String id) {
    EntityType t = types.get(id);
    return t != null ? t : snapshot.entityType(id);
  }

  /** The id of the type that owns this key as the batch sees it, or null. */
  String attributionKeyOwner(String key) {
    for (EntityType t : types.values()) {
      if (t.attributionKeys().contains(key)) {
        return t.id();
      }
    }
    String owner = snapshot.attributionKeyOwner(key);
    // A type the batch rewrote owns only the keys it now lists.
    return owner != null && types.containsKey(owner) ? null : owner;
  }

  Capability capability(String id) {
    Capability c = capabilities.get(id);
    return c != null ? c : snapshot.capability(id);
  }

  void putEntityType(EntityType type) {
    types.put(type.id(), type);
  }

  void putCapability(Capability capability) {
    capabilities.put(capability.id(), capability);
  }

  GlobalChanges changes() {
    return new GlobalChanges(List.copyOf(types.values()), List.copyOf(capabilities.values()));
  }
}
