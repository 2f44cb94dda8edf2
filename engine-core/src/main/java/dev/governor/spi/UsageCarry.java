package dev.governor.spi;

import java.util.UUID;

/**
 * Keeps an assignment's current usage across a change of its cadence or anchor (an admin edit is
 * never a free reset). If the counter holds usage of the period starting at {@code oldPeriodStart}
 * or later (the current period under the old cadence), that usage becomes the usage of the period
 * starting at {@code newPeriodStart} (the current period under the new cadence); a counter holding
 * only older usage moves there with usage 0, so that old usage never counts again because a longer
 * new period happens to contain it. A store applies it atomically with the commit that changes the
 * cadence: no ledger operation sees the new version with the counter not yet moved, or the counter
 * moved under the old version. Immutable.
 *
 * @param assignmentId the assignment whose counter moves
 * @param oldPeriodStart the current period's start under the old cadence and anchor
 * @param newPeriodStart the current period's start under the new cadence and anchor
 */
public record UsageCarry(UUID assignmentId, long oldPeriodStart, long newPeriodStart) {}
