package dev.governor.spi;

/**
 * A storage backend: the catalog and the usage ledger, which may share state (the memory store keeps
 * the catalog version the ledger validates against next to the counters). One store serves one
 * engine. Implementations are thread-safe.
 */
public interface GovernanceStore {
  /**
   * Called once by {@link dev.governor.GovernanceEngineBuilder#build()} before any other method.
   *
   * @throws IllegalStateException if the store already serves an engine
   */
  void open(StoreContext context);

  /** The catalog storage. */
  CatalogStore catalog();

  /** The usage ledger. */
  UsageLedger ledger();
}
