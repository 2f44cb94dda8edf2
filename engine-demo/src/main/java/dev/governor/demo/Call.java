package dev.governor.demo;

import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import java.util.List;

/**
 * One step of an owner's workload: a gated consume, a batch of usage recorded after the fact, or an AI
 * completion that reserves an estimate first and records the actual amount at the end. Immutable.
 */
public sealed interface Call {
  /**
   * {@code engine.consume}: granted and counted everywhere, or denied and nothing changes.
   *
   * @param subject who consumes, by dimensions
   * @param capabilityId the capability
   * @param amount the amount
   */
  record Consume(Subject subject, String capabilityId, long amount) implements Call {}

  /**
   * {@code engine.ingest}: usage that already happened (a batch job's report), recorded even past a
   * limit.
   *
   * @param events the events, 1..1000
   */
  record Ingest(List<UsageEvent> events) implements Call {
    public Ingest {
      events = List.copyOf(events);
    }
  }

  /**
   * An AI completion through a reservation (docs/semantics.md §5.3): {@code engine.reserve} holds the
   * estimate on every budget at once, then the call ends as {@link #ending()} says. Nothing happens
   * when the reserve is denied.
   *
   * @param subject who calls the model, by dimensions
   * @param capabilityId the capability, {@code ai-tokens}
   * @param estimate the amount reserved, at least 1
   * @param actual the amount the model really used (recorded by the settle; 0 when the call fails)
   * @param ending how the call ends once its reservation is granted
   * @param retried whether the client retries the reserve under the same idempotency key (it timed out
   *     waiting for the grant), which answers {@code DUPLICATE} with the same reservation
   */
  record Complete(Subject subject, String capabilityId, long estimate, long actual, Ending ending, boolean retried)
      implements Call {
    /** How a completion whose reservation was granted ends. */
    public enum Ending {
      /** The model answers within the hold's TTL: settle the actual amount. */
      SETTLE,
      /** The model call fails: release the hold, nothing recorded. */
      FAIL,
      /** The model answers after the hold expired: the late settle still records the actual amount. */
      SLOW
    }
  }
}
