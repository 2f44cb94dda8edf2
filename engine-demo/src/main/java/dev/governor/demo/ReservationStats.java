package dev.governor.demo;

import java.util.Collection;

/**
 * What the AI completions of one owner, or of a whole run, did with their reservations
 * (docs/semantics.md §5.3). Immutable, so thread-safe.
 *
 * @param completions completions attempted: one first reserve each
 * @param reserves reserve calls, retries included
 * @param granted first reserves granted: the estimate held on every budget
 * @param denied first reserves denied: some budget had no room, nothing held
 * @param duplicates retries under the same idempotency key, answered {@code DUPLICATE} with the same reservation
 * @param settled reservations settled: the hold dropped, the actual amount recorded
 * @param released reservations released (the model call failed): the hold dropped, nothing recorded
 * @param overEstimate settles whose actual amount exceeded the estimate (recorded in full all the same)
 * @param overEstimateAmount by how much those settles exceeded their estimates, in total
 * @param settledAfterExpiry settles made after the hold had expired (the actual amount recorded all the same)
 * @param estimated the estimates of the granted reservations, in total
 * @param recorded the actual amounts the settles recorded, in total
 */
public record ReservationStats(long completions, long reserves, long granted, long denied, long duplicates,
    long settled, long released, long overEstimate, long overEstimateAmount, long settledAfterExpiry, long estimated,
    long recorded) {
  /** No completion at all. */
  public static final ReservationStats NONE = new ReservationStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** Granted reservations neither settled nor released: still holding (or expired unsettled). */
  public long open() {
    return granted - settled - released;
  }

  /** These counts plus {@code other}'s. */
  public ReservationStats plus(ReservationStats other) {
    return new ReservationStats(completions + other.completions, reserves + other.reserves, granted + other.granted,
        denied + other.denied, duplicates + other.duplicates, settled + other.settled, released + other.released,
        overEstimate + other.overEstimate, overEstimateAmount + other.overEstimateAmount,
        settledAfterExpiry + other.settledAfterExpiry, estimated + other.estimated, recorded + other.recorded);
  }

  /** The sum of {@code stats}. */
  public static ReservationStats sum(Collection<ReservationStats> stats) {
    return stats.stream().reduce(NONE, ReservationStats::plus);
  }
}
