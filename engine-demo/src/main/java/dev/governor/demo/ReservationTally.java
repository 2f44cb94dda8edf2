package dev.governor.demo;

/**
 * Counts one owner's reservations while its stream is replayed ({@link CompletionFlow}), then freezes
 * them into {@link ReservationStats}. Not thread-safe: one owner's stream is replayed by exactly one
 * thread, which owns its tally.
 */
final class ReservationTally {
  long completions;
  long reserves;
  long granted;
  long denied;
  long duplicates;
  long settled;
  long released;
  long overEstimate;
  long overEstimateAmount;
  long settledAfterExpiry;
  long estimated;
  long recorded;

  /** The counts so far. */
  ReservationStats stats() {
    return new ReservationStats(completions, reserves, granted, denied, duplicates, settled, released, overEstimate,
        overEstimateAmount, settledAfterExpiry, estimated, recorded);
  }
}
