package dev.governor.runtime;

import java.util.List;

/**
 * The outcome of every event of an ingest batch, in batch order. Immutable.
 *
 * @param events one result per event
 */
public record IngestResult(List<EventResult> events) {
  public IngestResult {
    events = List.copyOf(events);
  }

  /** How many events had {@code outcome}. */
  public long count(EventResult.Outcome outcome) {
    return events.stream().filter(e -> e.outcome() == outcome).count();
  }
}
