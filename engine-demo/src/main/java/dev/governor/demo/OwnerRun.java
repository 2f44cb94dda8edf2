package dev.governor.demo;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What happened to one owner's stream, call by call. Immutable, so thread-safe.
 *
 * @param ownerId the owner
 * @param granted consumes granted
 * @param denied consumes denied
 * @param ingestBatches ingest calls
 * @param eventsRecorded ingested events the engine reported as recorded
 * @param blockedBy for each call of the stream, the budget that denied it (the consume result's
 *     first denying budget), or null when the call was granted or was not a consume
 * @param reserveBlockedBy for each call of the stream, the budget that denied its reserve (an AI
 *     completion's), or null when the reserve was granted or the call was not a completion
 * @param reservations what the owner's completions did with their reservations
 */
public record OwnerRun(String ownerId, long granted, long denied, long ingestBatches, long eventsRecorded,
    List<BudgetRef> blockedBy, List<BudgetRef> reserveBlockedBy, ReservationStats reservations) {
  public OwnerRun {
    blockedBy = frozen(blockedBy);
    reserveBlockedBy = frozen(reserveBlockedBy);
  }

  /** An unmodifiable copy that, unlike {@code List.copyOf}, keeps the nulls. */
  private static List<BudgetRef> frozen(List<BudgetRef> list) {
    return Collections.unmodifiableList(Arrays.asList(list.toArray(BudgetRef[]::new)));
  }
}
