package dev.governor.spi;

/** What a ledger operation did; returned by value so the hot path allocates nothing. */
public enum LedgerStatus {
  /** A read or an ingest completed. */
  OK,
  /** A consume found room in every budget and added the amount to all of them. */
  GRANTED,
  /** A consume found a budget without room and changed nothing. */
  DENIED,
  /** A consume carried an idempotency key already claimed within the retention; nothing changed. */
  DUPLICATE,
  /**
   * The operation was planned on an older catalog version than the store holds now; nothing
   * changed and the engine plans again.
   */
  STALE,
  /** An add would pass {@link Long#MAX_VALUE}; nothing changed. */
  OVERFLOW
}
