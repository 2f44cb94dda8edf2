package dev.governor.demo;

import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import java.util.List;

/** One step of an owner's workload: a gated consume, or a batch of usage recorded after the fact. */
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
}
