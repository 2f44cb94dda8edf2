package dev.governor.demo;

import dev.governor.GovernanceEngine;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.ReleaseResult;
import dev.governor.runtime.ReserveRequest;
import dev.governor.runtime.ReserveResult;
import dev.governor.runtime.SettleResult;
import java.time.Duration;
import java.util.function.Function;

/**
 * Runs one AI completion through a reservation, as the README's reservation example does
 * (docs/semantics.md §5.3): reserve the estimate for {@link #TTL} under an idempotency key, then settle
 * the actual amount, or release the hold when the model call fails.
 *
 * <p>The engine's clock is fixed, so a hold can only expire for an engine whose clock is later: a
 * completion that answers after its hold expired ({@link Call.Complete.Ending#SLOW}) is settled
 * through the second engine on the same store, whose clock stands {@link #LATE} after the first one's.
 * Its settle says {@code expired} and records the actual amount all the same. Every completion closes
 * its reservation before the next call of its owner's stream, so no hold outlives the call that made it
 * and the run stays deterministic.
 *
 * <p>Thread-safe: it holds only the two (thread-safe) engines; each call's counts go to the caller's
 * {@link ReservationTally}.
 */
final class CompletionFlow {
  /** How long a completion's hold lasts unless settled or released. */
  static final Duration TTL = Duration.ofMinutes(2);
  /** How long after the reserve a slow completion answers: past {@link #TTL}. */
  static final Duration LATE = Duration.ofMinutes(5);
  /** The idempotency keys: this prefix and the call's index in its owner's stream. */
  static final String KEY_PREFIX = "completion-";

  private final GovernanceEngine engine;
  private final GovernanceEngine lateEngine;

  /**
   * @param engine the engine every completion reserves, settles and releases through
   * @param lateEngine an engine on the same store with a clock {@link #LATE} later, for the slow settles
   */
  CompletionFlow(GovernanceEngine engine, GovernanceEngine lateEngine) {
    this.engine = engine;
    this.lateEngine = lateEngine;
  }

  /**
   * Runs completion {@code index} of {@code ownerId}'s stream, counting into {@code tally}.
   *
   * @param refs names the budget that denied a reserve
   * @return the budget that denied the reserve, or null when it was granted
   */
  BudgetRef run(String ownerId, int index, Call.Complete call, ReservationTally tally,
      Function<BudgetStatus, BudgetRef> refs) {
    ReserveRequest request = ReserveRequest.of(call.subject(), call.capabilityId(), call.estimate(), TTL)
        .idempotencyKey(KEY_PREFIX + index);
    ReserveResult reserved = engine.reserve(ownerId, request);
    tally.completions++;
    tally.reserves++;
    if (reserved.status() == ReserveResult.Status.DENIED) {
      tally.denied++;
      if (reserved.firstDenied() == null) {
        throw new IllegalStateException("reserve denied without a denying budget: " + reserved.reason());
      }
      return refs.apply(reserved.firstDenied());
    }
    if (reserved.status() != ReserveResult.Status.GRANTED) {
      throw new IllegalStateException("a fresh idempotency key answered " + reserved.status());
    }
    tally.granted++;
    tally.estimated += call.estimate();
    String id = reserved.reservation().id();
    if (call.retried()) {
      retry(ownerId, request, id, tally);
    }
    switch (call.ending()) {
      case SETTLE -> settle(engine, ownerId, id, call.actual(), tally);
      case SLOW -> settle(lateEngine, ownerId, id, call.actual(), tally);
      case FAIL -> release(ownerId, id, tally);
      default -> throw new IllegalStateException(String.valueOf(call.ending()));
    }
    return null;
  }

  /** The client timed out waiting for the grant and sends the same reserve again: the same reservation. */
  private void retry(String ownerId, ReserveRequest request, String id, ReservationTally tally) {
    ReserveResult again = engine.reserve(ownerId, request);
    tally.reserves++;
    if (again.status() != ReserveResult.Status.DUPLICATE || !again.reservation().id().equals(id)) {
      throw new IllegalStateException("a retried reserve answered " + again.status() + " instead of its reservation");
    }
    tally.duplicates++;
  }

  private static void settle(GovernanceEngine through, String ownerId, String id, long actual, ReservationTally tally) {
    SettleResult settled = through.settle(ownerId, id, actual);
    if (settled.status() != SettleResult.Status.SETTLED) {
      throw new IllegalStateException("a first settle answered " + settled.status());
    }
    tally.settled++;
    tally.recorded += settled.actual();
    if (settled.overEstimate() > 0) {
      tally.overEstimate++;
      tally.overEstimateAmount += settled.overEstimate();
    }
    if (settled.expired()) {
      tally.settledAfterExpiry++;
    }
  }

  private void release(String ownerId, String id, ReservationTally tally) {
    ReleaseResult released = engine.release(ownerId, id);
    if (released.status() != ReleaseResult.Status.RELEASED) {
      throw new IllegalStateException("a first release answered " + released.status());
    }
    tally.released++;
  }
}
