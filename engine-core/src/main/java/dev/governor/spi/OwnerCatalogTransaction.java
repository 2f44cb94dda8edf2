package dev.governor.spi;

import dev.governor.catalog.Entity;
import java.util.UUID;

/**
 * One owner's catalog inside one atomic update: reads see the writes made earlier in the same
 * transaction, and either every write becomes visible at once when the update returns or none does
 * when it throws. Confined to the thread running the update.
 */
public interface OwnerCatalogTransaction extends OwnerCatalogView {
  /** Inserts or replaces an entity; the store keeps child counts in step with parent links. */
  void putEntity(Entity entity);

  /** Inserts or replaces an assignment (matched by id); its usage counter, if any, is kept. */
  void putAssignment(StoredAssignment assignment);

  /** Removes an assignment and its usage counters. */
  void removeAssignment(UUID id);
}
