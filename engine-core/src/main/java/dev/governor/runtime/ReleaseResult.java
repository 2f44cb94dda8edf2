package dev.governor.runtime;

/**
 * The outcome of a release. A release never fails for a reservation that exists, so that it can
 * sit in a {@code finally} block. Immutable.
 *
 * @param status what the release found
 * @param reservation the reservation after the release
 * @param expired true when the hold had already expired (it counted for nothing any more)
 */
public record ReleaseResult(Status status, Reservation reservation, boolean expired) {
  /** What a release did. */
  public enum Status {
    /** The hold was dropped; nothing recorded. */
    RELEASED,
    /** Released earlier; nothing changed. */
    ALREADY_RELEASED,
    /** Settled earlier: its actual amount stays recorded; nothing changed. */
    ALREADY_SETTLED
  }
}
