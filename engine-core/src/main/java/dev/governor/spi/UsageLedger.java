package dev.governor.spi;

/**
 * Storage for usage counters and idempotency keys. See {@link OwnerLedger} for the contract of each
 * operation. Implementations are thread-safe.
 */
public interface UsageLedger {
  /**
   * The ledger of one owner: a handle the engine caches, cheap to create, which must not create any
   * stored state by itself (an owner without data stays without data).
   */
  OwnerLedger owner(String ownerId);
}
