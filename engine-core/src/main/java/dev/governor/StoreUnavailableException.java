package dev.governor;

/**
 * The store could not answer, so the engine refused to decide: check, consume and ingest fail
 * closed with this exception rather than allow or drop anything. Whatever the operation was about to
 * change is unchanged (stores apply each operation atomically). Retrying later is safe; an ingest
 * retried with the same idempotency keys is counted exactly once. Thread-safe (immutable).
 */
public final class StoreUnavailableException extends GovernanceException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(-1, null, null, message, cause);
  }
}
