package dev.governor.demo;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What happened to one owner's stream, call by call.
 *
 * @param ownerId the owner
 * @param granted consumes granted
 * @param denied consumes denied
 * @param ingestBatches ingest calls
 * @param eventsRecorded ingested events the engine reported as recorded
 * @param blockedBy for each call of the stream, the budget that denied it (the consume result's
 *     first denying budget), or null when the call was granted or was an ingest
 */
public record OwnerRun(String ownerId, long granted, long denied, long ingestBatches, long eventsRecorded,
    List<BudgetRef> blockedBy) {
  public OwnerRun {
    blockedBy = Collections.unmodifiableList(Arrays.asList(blockedBy.toArray(BudgetRef[]::new)));
  }
}
