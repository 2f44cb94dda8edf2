package dev.governor.demo;

import java.util.List;

/**
 * One owner's pre-generated request stream, replayed in order by exactly one worker thread.
 *
 * @param plan the owner
 * @param calls the stream
 */
public record OwnerWorkload(OwnerPlan plan, List<Call> calls) {
  public OwnerWorkload {
    calls = List.copyOf(calls);
  }

  /** The owner id. */
  public String ownerId() {
    return plan.ownerId();
  }
}
