package dev.governor.runtime;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A budget's usage reached one of its alert thresholds. Immutable.
 *
 * @param ownerId the owner
 * @param assignmentId the budget
 * @param entityId the entity holding it
 * @param capabilityId its capability
 * @param scopeEntityIds its scope, sorted; empty for node-wide
 * @param threshold the fraction of the limit reached, as configured (such as 0.8)
 * @param level the usage at which it is reached ({@code ceil(threshold x limit)})
 * @param usage the budget's usage after the add that reached it
 * @param limit the budget's limit when it was reached
 * @param periodStart start of the period it was reached in
 * @param periodEnd end of that period, exclusive
 * @param at the engine's time of the add
 */
public record ThresholdCrossed(
    String ownerId,
    UUID assignmentId,
    String entityId,
    String capabilityId,
    Set<String> scopeEntityIds,
    double threshold,
    long level,
    long usage,
    long limit,
    Instant periodStart,
    Instant periodEnd,
    Instant at) {}
