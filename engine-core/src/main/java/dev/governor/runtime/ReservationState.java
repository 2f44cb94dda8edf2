package dev.governor.runtime;

/** Where a reservation stands (docs/semantics.md §5.3). */
public enum ReservationState {
  /** Holding its estimate on every budget it held, until settled, released or expired. */
  OPEN,
  /** Settled: its hold was dropped and the actual amount recorded. */
  SETTLED,
  /** Released: its hold was dropped and nothing recorded. */
  RELEASED
}
