package dev.governor.spi;

/**
 * Storage for usage counters and idempotency keys. See {@link OwnerLedger} for the contract of each
 * operation. Implementations are thread-safe.
 */
public interface UsageLedger {
  /**
   * The ledger of one owner. The engine caches the handle; it is called only for owners whose
   * catalog holds at least one entity.
   */
  OwnerLedger owner(String ownerId);
}
