package dev.governor.spi;

/**
 * A storage backend: the catalog and the usage ledger.
 *
 * <h2>Many engines, one store</h2>
 * Any number of engines, in one JVM or in many, may share one store. The store is the only truth:
 * every cache an engine keeps (the engine-wide catalog, each owner's snapshot, compiled plans,
 * query indexes) is a hint that the engine validates against versions the store reports, never
 * against its own writes. A catalog change committed through one engine is therefore in force for
 * every engine's next decision: the ledger refuses a decision planned on an older version
 * ({@link LedgerStatus#STALE}, carrying the store's current version), and the engine replans.
 *
 * <p>A store needs no configuration from the engines that use it: every call carries what it needs
 * (the time, the idempotency retention as an expiry instant). Implementations are thread-safe.
 */
public interface GovernanceStore {
  /** The catalog storage. */
  CatalogStore catalog();

  /** The usage ledger. */
  UsageLedger ledger();
}
