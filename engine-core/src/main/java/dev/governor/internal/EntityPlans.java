package dev.governor.internal;

/**
 * The cached plans of one entity, one per capability asked about. Copy-on-write: the array is
 * replaced, never mutated, so lookups take no lock. Thread-safe.
 */
final class EntityPlans {
  private volatile Plan[] plans = new Plan[0];

  /** The cached plan for {@code capabilityId}, or null. */
  Plan get(String capabilityId) {
    Plan[] p = plans;
    for (Plan plan : p) {
      if (plan.capabilityId.equals(capabilityId)) {
        return plan;
      }
    }
    return null;
  }

  synchronized void put(Plan plan) {
    Plan[] p = plans;
    for (int i = 0; i < p.length; i++) {
      if (p[i].capabilityId.equals(plan.capabilityId)) {
        Plan[] copy = p.clone();
        copy[i] = plan;
        plans = copy;
        return;
      }
    }
    Plan[] copy = java.util.Arrays.copyOf(p, p.length + 1);
    copy[p.length] = plan;
    plans = copy;
  }
}
