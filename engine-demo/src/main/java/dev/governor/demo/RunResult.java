package dev.governor.demo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The outcome of a whole run: one {@link OwnerRun} per owner, in plan order. Immutable, so thread-safe.
 *
 * @param owners the owners' runs
 */
public record RunResult(List<OwnerRun> owners) {
  public RunResult {
    owners = List.copyOf(owners);
  }

  public long granted() {
    return sum(OwnerRun::granted);
  }

  public long denied() {
    return sum(OwnerRun::denied);
  }

  public long ingestBatches() {
    return sum(OwnerRun::ingestBatches);
  }

  public long eventsRecorded() {
    return sum(OwnerRun::eventsRecorded);
  }

  /** What the completions of every owner did with their reservations. */
  public ReservationStats reservations() {
    return ReservationStats.sum(owners.stream().map(OwnerRun::reservations).toList());
  }

  /** How many consumes each budget denied, by budget. */
  public Map<BudgetRef, Long> denialsByBudget() {
    Map<BudgetRef, Long> counts = new TreeMap<>();
    for (OwnerRun owner : owners) {
      for (BudgetRef ref : owner.blockedBy()) {
        if (ref != null) {
          counts.merge(ref, 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  private long sum(ToLongFunction<OwnerRun> field) {
    return owners.stream().mapToLong(field).sum();
  }
}
