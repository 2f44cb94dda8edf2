package dev.governor.storage.redis;

/**
 * A call to Redis that did not complete: refused, failed, timed out or interrupted. The engine
 * reports it as a {@link dev.governor.StoreUnavailableException} and fails closed. Immutable.
 */
final class StoreCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StoreCallException(String message, Throwable cause) {
    super(message, cause);
  }
}
