package dev.governor.spi;

import dev.governor.catalog.Capability;
import dev.governor.catalog.EntityType;

/**
 * The engine-wide catalog inside one atomic update: reads see the writes made earlier in the same
 * transaction. Confined to the thread running the update.
 */
public interface GlobalCatalogTransaction extends GlobalCatalogView {
  /** Inserts or replaces a type; the store keeps its attribution-key index in step. */
  void putEntityType(EntityType type);

  /** Inserts or replaces a capability. */
  void putCapability(Capability capability);
}
