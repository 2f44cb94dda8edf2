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

  /**
   * Keeps an assignment's current usage across a change of its cadence or anchor (an admin edit is
   * never a free reset): if its counter holds usage of the period starting at
   * {@code oldPeriodStart} or later (the current period under the old cadence), that usage becomes
   * the usage of the period starting at {@code newPeriodStart} (the current period under the new
   * cadence); a counter holding only older usage moves there with usage 0, so that old usage never
   * counts again because a longer new period happens to contain it. The store applies it atomically with
   * the version change that commits the transaction, so no ledger operation sees the new version
   * with the counter not yet moved, or the counter moved under the old version's plans.
   */
  void carryUsage(UUID assignmentId, long oldPeriodStart, long newPeriodStart);
}
