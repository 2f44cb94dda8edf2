package dev.governor.spi;

import java.util.function.Function;

/**
 * Storage for the catalog: engine-wide entity types and capabilities, and each owner's entities and
 * assignments. The engine owns every rule (validation, hierarchy, idempotency); a store only keeps
 * data and makes each update atomic.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@code read*} hands the function a consistent view: it never sees part of a concurrent
 *       update.</li>
 *   <li>{@code update*} runs the function with exclusive write access to the global catalog or to
 *       one owner's catalog (updates of different owners may run in parallel). When the function
 *       returns, all its writes become visible at once and, if it wrote anything, the version grows;
 *       when it throws, none of them does and the exception propagates unchanged.</li>
 *   <li>Views and transactions are confined to the call that handed them out.</li>
 *   <li>An owner's data is reachable only through its own {@code ownerId}.</li>
 *   <li>A store that cannot answer throws any {@link RuntimeException}; the engine reports it as
 *       {@link dev.governor.StoreUnavailableException}.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface CatalogStore {
  /** Runs {@code reader} on a consistent view of the engine-wide catalog. */
  <R> R readGlobal(Function<GlobalCatalogView, R> reader);

  /** Runs {@code work} as one atomic update of the engine-wide catalog. */
  <R> R updateGlobal(Function<GlobalCatalogTransaction, R> work);

  /** Runs {@code reader} on a consistent view of one owner's catalog (empty for an unknown owner). */
  <R> R readOwner(String ownerId, Function<OwnerCatalogView, R> reader);

  /** Runs {@code work} as one atomic update of one owner's catalog. */
  <R> R updateOwner(String ownerId, Function<OwnerCatalogTransaction, R> work);
}
