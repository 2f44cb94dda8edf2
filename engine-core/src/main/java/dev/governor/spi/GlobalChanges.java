package dev.governor.spi;

import dev.governor.catalog.Capability;
import dev.governor.catalog.EntityType;
import java.util.List;

/**
 * A change set of the engine-wide catalog, validated by the engine against one snapshot: the final
 * value of every type and capability it writes. A store replaces each by id and keeps its
 * attribution-key index in step (a type's keys are exactly the ones it lists). Immutable.
 *
 * @param entityTypes the types to insert or replace
 * @param capabilities the capabilities to insert or replace
 */
public record GlobalChanges(List<EntityType> entityTypes, List<Capability> capabilities) {
  public GlobalChanges {
    entityTypes = List.copyOf(entityTypes);
    capabilities = List.copyOf(capabilities);
  }

  /** True when the change set writes nothing. */
  public boolean isEmpty() {
    return entityTypes.isEmpty() && capabilities.isEmpty();
  }
}
