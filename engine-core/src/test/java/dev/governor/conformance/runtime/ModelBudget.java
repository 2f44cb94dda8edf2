package dev.governor.conformance.runtime;

import dev.governor.catalog.Cadence;
import java.time.Instant;
import java.util.SortedSet;
import java.util.UUID;

/**
 * An assignment and its usage counter as the reference model keeps them. The counter is the pair
 * (period start it counts, usage): usage in period {@code p} is {@code storedStart >= p ? usage : 0},
 * and a write moves {@code storedStart} to {@code max(storedStart, p)}, which lets a new period start
 * from 0 with nothing running at the boundary. A cadence change moves the counter to the new current
 * period carrying only the current usage (see {@link #reschedule}). Mutable, test-thread only.
 */
final class ModelBudget {
  final UUID id;
  final String entityId;
  final String capabilityId;
  final SortedSet<String> scope;
  Long limit;
  private Cadence cadence;
  private Instant anchor;
  /** The last period computed; periods partition time, so it answers every instant it contains. */
  private ModelPeriods.Period lastPeriod;
  Instant storedStart;
  long usage;

  ModelBudget(UUID id, String entityId, String capabilityId, SortedSet<String> scope, Long limit, Cadence cadence,
      Instant anchor) {
    this.id = id;
    this.entityId = entityId;
    this.capabilityId = capabilityId;
    this.scope = scope;
    this.limit = limit;
    this.cadence = cadence;
    this.anchor = anchor;
  }

  Cadence cadence() {
    return cadence;
  }

  Instant anchor() {
    return anchor;
  }

  /**
   * A new cadence or anchor at {@code now} (SPEC §2: an admin edit is never a free reset): the usage
   * of the current period under the old cadence becomes the usage of the current period under the
   * new one; usage of older periods is not carried (it must not come back because a longer period
   * happens to contain it).
   */
  void reschedule(Cadence newCadence, Instant newAnchor, Instant now) {
    boolean changed = !newCadence.equals(cadence) || !java.util.Objects.equals(newAnchor, anchor);
    long carried = usageAt(now);
    cadence = newCadence;
    anchor = newAnchor;
    lastPeriod = null;
    if (changed && storedStart != null) {
      storedStart = periodAt(now).start();
      usage = carried;
    }
  }

  ModelPeriods.Period periodAt(Instant t) {
    ModelPeriods.Period p = lastPeriod;
    if (p != null && p.contains(t)) {
      return p;
    }
    p = ModelPeriods.periodAt(cadence, anchor, t);
    lastPeriod = p;
    return p;
  }

  /** Usage in the period that contains {@code now}. */
  long usageAt(Instant now) {
    Instant current = periodAt(now).start();
    return storedStart != null && !storedStart.isBefore(current) ? usage : 0L;
  }

  /** Sets the usage of the period containing {@code now}. */
  void setUsageAt(Instant now, long newUsage) {
    Instant current = periodAt(now).start();
    if (storedStart == null || storedStart.isBefore(current)) {
      storedStart = current;
    }
    usage = newUsage;
  }

  @Override
  public String toString() {
    return entityId + "/" + capabilityId + scope + " limit=" + limit + " " + cadence + (anchor == null ? "" : "@" + anchor)
        + " counter=(" + storedStart + ", " + usage + ")";
  }
}
