package dev.governor.runtime;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A budget an ingested event reached: its usage after the event, or that the event's period had
 * already closed for it. Immutable.
 *
 * @param assignmentId the assignment
 * @param entityId the entity holding it
 * @param scopeEntityIds its scope
 * @param late true when the event belongs to a closed period of this budget and was not added
 * @param usageAfter usage of the current period after the event (unchanged when late)
 * @param periodStart start of the period the event was counted in (or would have been)
 * @param periodEnd end of that period (exclusive)
 */
public record BudgetUsage(
    UUID assignmentId,
    String entityId,
    Set<String> scopeEntityIds,
    boolean late,
    long usageAfter,
    Instant periodStart,
    Instant periodEnd) {}
