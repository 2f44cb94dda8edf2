package dev.governor.spi;

/**
 * What a ledger operation did. Ledger methods return it packed in a {@link LedgerReply} so that a
 * STALE answer can carry the store's current version without allocating.
 */
public enum LedgerStatus {
  /** A read or an ingest completed. */
  OK,
  /** A consume or check found room in every budget (a consume also added the amount to all). */
  GRANTED,
  /** A consume or check found a budget without room; nothing changed. */
  DENIED,
  /** The idempotency key was claimed within the retention for the same request; nothing changed. */
  DUPLICATE,
  /**
   * The idempotency key was claimed within the retention for a different request (another
   * fingerprint); nothing changed.
   */
  KEY_CONFLICT,
  /**
   * The operation was planned on an older catalog version than the store holds now; nothing
   * changed, and the reply carries the current version so the engine can plan again.
   */
  STALE,
  /** An add would pass {@link Long#MAX_VALUE}; nothing changed. */
  OVERFLOW,
  /** No reservation with the id (never made, or forgotten after its retention); nothing changed. */
  UNKNOWN
}
